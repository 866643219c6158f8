package io.vigil.core.consume;

import io.vigil.core.queue.Lease;

/** One job a processor is running: its lease, its context, and whether its outcome was already decided. */
final class RunningJob {
  final Lease lease;
  final JobContext context;
  final long startedAtNanos = System.nanoTime();
  long timeoutTimer = -1;
  boolean settled;
  /** Until when (engine clock) the lease surely holds: the send time of its last confirmed grant or renewal plus the lease. */
  long leaseUntil;

  RunningJob(Lease lease, JobContext context) {
    this.lease = lease;
    this.context = context;
    this.leaseUntil = lease.expiresAt();
  }

  long elapsedMs() {
    return (System.nanoTime() - startedAtNanos) / 1_000_000;
  }
}
