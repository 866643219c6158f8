package io.vigil.core.consume;

import io.vigil.core.queue.Engine;
import io.vigil.core.queue.Lease;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Extends every lease a processor holds in one call per beat. A lease the script refuses, or leases
 * that could not be renewed for a whole lease period, are fenced: another worker may own those jobs now.
 */
final class LeaseHeartbeat {
  private final Engine engine;
  private final String queue;
  private final Supplier<Collection<RunningJob>> running;
  private final BiConsumer<RunningJob, String> fence;
  private long lastSuccess = System.currentTimeMillis();
  private boolean inFlight;

  LeaseHeartbeat(Engine engine, String queue, Supplier<Collection<RunningJob>> running, BiConsumer<RunningJob, String> fence) {
    this.engine = engine;
    this.queue = queue;
    this.running = running;
    this.fence = fence;
  }

  void beat() {
    Collection<RunningJob> current = running.get();
    if (inFlight || current.isEmpty()) {
      lastSuccess = System.currentTimeMillis();
      return;
    }
    inFlight = true;
    List<RunningJob> jobs = new ArrayList<>(current);
    List<Lease> leases = jobs.stream().map(j -> j.lease).toList();
    engine.transitions().extendLeases(queue, leases).onComplete(ar -> {
      inFlight = false;
      if (ar.succeeded()) {
        lastSuccess = System.currentTimeMillis();
        for (int i = 0; i < jobs.size(); i++) {
          if (!ar.result().get(i)) {
            fence.accept(jobs.get(i), "lease lost");
          }
        }
      } else if (System.currentTimeMillis() - lastSuccess >= engine.settings().leaseMs()) {
        // The leases have expired by now: stop racing whoever holds these jobs next.
        jobs.forEach(job -> fence.accept(job, "lease could not be renewed"));
      }
    });
  }
}
