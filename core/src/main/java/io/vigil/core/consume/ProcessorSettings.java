package io.vigil.core.consume;

import io.vigil.core.keys.Names;

/**
 * How one processor consumes one queue.
 *
 * @param heartbeatMs how often leases are extended (well under the lease)
 * @param maxIdleWaitMs longest blocking wait for a wake-up marker before fetching again
 * @param runStalledChecks whether this processor takes part in stalled recovery
 */
public record ProcessorSettings(String queue, String workerId, int concurrency, long heartbeatMs,
                                long maxIdleWaitMs, boolean runStalledChecks) {
  public ProcessorSettings {
    Names.requireValidQueue(queue);
    if (workerId == null || workerId.isBlank()) {
      throw new IllegalArgumentException("workerId is required");
    }
    if (concurrency < 1 || concurrency > 10_000) {
      throw new IllegalArgumentException("VIGIL_WORKER_CONCURRENCY must be between 1 and 10000");
    }
    if (heartbeatMs < 10 || maxIdleWaitMs < 10) {
      throw new IllegalArgumentException("heartbeat and idle wait must be >= 10 ms");
    }
  }

  public static ProcessorSettings of(String queue, String workerId, int concurrency, long leaseMs) {
    return new ProcessorSettings(queue, workerId, concurrency, Math.max(10, leaseMs / 3), 5000, true);
  }
}
