package io.vigil.core.consume;

import io.vertx.core.Future;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.Lease;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Extends every lease a processor holds in one call per beat, and fences the jobs whose lease is gone.
 * 1. A lease the script refuses is fenced at once: another worker owns the job now.
 * 2. Each job knows until when its lease surely holds (send time of the last confirmed renewal plus the
 *    lease). A renewal that has not answered by the earliest of those times has failed; a job whose lease
 *    runs out before the next beat could renew it is fenced then, so no handler outlives its lease.
 * 3. "Runs out" keeps a tenth of the lease in hand: timers fire late on a busy host, and the handler
 *    must be stopped before stalled recovery can give the job to another worker.
 * Beats never overlap: a {@link io.vigil.core.loop.PeriodicTask} skips a beat while one is in flight, and
 * a renewal in flight ends by the earliest lease deadline, where its failure fences what is expiring.
 */
final class LeaseHeartbeat {
  static final String LOST = "lease lost";
  static final String UNRENEWABLE = "lease could not be renewed";
  private final Engine engine;
  private final String queue;
  private final long beatMs;
  private final Supplier<Collection<RunningJob>> running;
  private final BiConsumer<RunningJob, String> fence;

  LeaseHeartbeat(Engine engine, String queue, long beatMs, Supplier<Collection<RunningJob>> running,
                 BiConsumer<RunningJob, String> fence) {
    this.engine = engine;
    this.queue = queue;
    this.beatMs = beatMs;
    this.running = running;
    this.fence = fence;
  }

  Future<?> beat() {
    long now = engine.clock().millis();
    fenceExpiring(now, 0);
    List<RunningJob> jobs = new ArrayList<>(running.get());
    if (jobs.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Lease> leases = jobs.stream().map(j -> j.lease).toList();
    long earliest = jobs.stream().mapToLong(this::deadline).min().orElse(now);
    return engine.transitions().extendLeases(queue, leases)
        // An answer after the earliest lease ran out comes too late for that job.
        .timeout(Math.max(1, earliest - now), TimeUnit.MILLISECONDS)
        .onSuccess(renewed -> {
          for (int i = 0; i < jobs.size(); i++) {
            RunningJob job = jobs.get(i);
            if (renewed.get(i)) {
              job.leaseUntil = Math.max(job.leaseUntil, now + engine.settings().leaseMs());
            } else {
              fence.accept(job, LOST);
            }
          }
        })
        .onFailure(e -> fenceExpiring(engine.clock().millis(), beatMs));
  }

  private long deadline(RunningJob job) {
    return job.leaseUntil - engine.settings().leaseMs() / 10;
  }

  /** Fences the running jobs whose lease ends within {@code marginMs} from {@code now}. */
  private void fenceExpiring(long now, long marginMs) {
    for (RunningJob job : new ArrayList<>(running.get())) {
      if (!job.settled && deadline(job) <= now + marginMs) {
        fence.accept(job, UNRENEWABLE);
      }
    }
  }
}
