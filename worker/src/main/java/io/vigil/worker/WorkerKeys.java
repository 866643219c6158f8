package io.vigil.worker;

import io.vigil.core.keys.Names;

/**
 * Builds the Redis keys of the worker registry; no worker key is concatenated anywhere else.
 * They span queues, so they carry no hash tag, and never contain {@code {}} so they cannot meet a queue's keys.
 */
public record WorkerKeys(String prefix) {
  public WorkerKeys {
    Names.requireValidPrefix(prefix);
  }

  /** ZSET worker id -> epoch ms its registration expires (pruned on every heartbeat). */
  public String workers() {
    return prefix + ":workers";
  }

  /** STRING worker info JSON, with a TTL of the registration's lifetime. */
  public String worker(String workerId) {
    return prefix + ":worker:" + workerId;
  }
}
