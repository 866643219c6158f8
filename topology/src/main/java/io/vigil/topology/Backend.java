package io.vigil.topology;

/**
 * Where a topology's nodes run. {@link ProcessBackend} runs child processes on loopback; the container
 * backend (module containers) runs the same {@link NodeSpec}s in containers, one address per node. Everything above this interface
 * (rendering the shipped files, start order, health, master lookup, faults by node name) is shared.
 */
public interface Backend {

  /**
   * Starts one node from its spec and returns once it answers PING; fails loudly (missing binary, bad
   * config, no answer) with the end of its log, leaving nothing running.
   */
  NodeControl start(NodeSpec spec);

  /**
   * The host clients use to reach nodes, and the address nodes announce to each other and to Sentinels
   * (the rendered files carry it).
   */
  String host();

  /**
   * The address node {@code node} announces and clients reach it at, known before it starts (its files carry it):
   * {@link #host()} where every node shares one host; a container backend gives each node its own.
   */
  default String hostOf(String node) {
    return host();
  }

  /**
   * The caller stops this backend's nodes in its own shutdown sequence (for example roles first, then
   * Redis); the backend's last-resort clean-up at JVM exit leaves them alone from now on.
   */
  default void handOverShutdown() {
  }
}
