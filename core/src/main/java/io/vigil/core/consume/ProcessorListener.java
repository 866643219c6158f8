package io.vigil.core.consume;

import io.vigil.core.queue.Lease;

/** Hooks for metrics and logs; every method has a no-op default. */
public interface ProcessorListener {
  ProcessorListener NONE = new ProcessorListener() {};

  default void started(Lease lease) {}

  default void completed(Lease lease, long durationMs) {}

  default void retrying(Lease lease, long durationMs, String error) {}

  default void failed(Lease lease, long durationMs, String error) {}

  /** The lease was taken away (expired, recovered by another worker): the result was not recorded. */
  default void leaseLost(Lease lease) {}

  default void stalledRecovered(String queue, int requeued, int failed) {}

  default void redisError(String queue, Throwable error) {}
}
