package io.vigil.topology;

import io.vigil.resp.Endpoint;

/**
 * What a backend does to one started node: the lifecycle and the faults a test injects. Implemented by each
 * backend; callers use it through {@link RedisNode}.
 */
public interface NodeControl {

  /** Where clients reach the node; stable across restarts. */
  Endpoint endpoint();

  boolean isRunning();

  /** Graceful: SIGTERM (Redis saves and closes its AOF), then SIGKILL after a grace period. Idempotent. */
  void stop();

  /** A crash: SIGKILL, no save, no goodbye to replicas or Sentinels. Idempotent. */
  void kill();

  /** SIGSTOP: the node keeps its sockets but answers nothing, like a stalled host. */
  void freeze();

  /** SIGCONT after {@link #freeze}. */
  void thaw();

  /** Stops the node if it runs, then starts it on the same address from its (maybe rewritten) config. */
  void restart();

  /** Cuts the node off the network while it keeps running; the process backend cannot, see there. */
  void isolate();

  /** Undoes {@link #isolate}. */
  void heal();

  /** The end of the node's log and console, for error messages. */
  String logTail();
}
