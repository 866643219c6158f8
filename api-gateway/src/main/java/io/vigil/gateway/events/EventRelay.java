package io.vigil.gateway.events;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vigil.core.event.EventReader;
import io.vigil.core.event.JobEvent;
import io.vigil.core.queue.QueueAdmin;
import io.vigil.gateway.BusAddresses;
import io.vigil.gateway.metrics.GatewayMetrics;
import io.vigil.gateway.stats.MinuteCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every queue's Redis event stream on the event bus ({@code vigil.jobs.events} and
 * {@code vigil.jobs.events.<queue>}), from the one gateway holding the {@link RelayLease}. After taking the lease,
 * known queues start at their newest event (the bus carries notifications; a handover gap stays readable over SSE
 * with Last-Event-ID); queues that appear later start at their oldest kept event. It also counts finished jobs per
 * minute ({@link MinuteCounts}, the dashboard's chart).
 */
public final class EventRelay {
  static final int BATCH = 500;
  static final int ROUNDS_PER_TICK = 10;
  private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
  private final EventBus bus;
  private final QueueAdmin admin;
  private final EventReader events;
  private final RelayLease lease;
  private final GatewayMetrics metrics;
  private final MinuteCounts counts;
  private final Map<String, String> cursors = new HashMap<>();
  private boolean leader;

  public EventRelay(EventBus bus, QueueAdmin admin, EventReader events, RelayLease lease, GatewayMetrics metrics,
                    MinuteCounts counts) {
    this.bus = bus;
    this.counts = counts;
    this.admin = admin;
    this.events = events;
    this.lease = lease;
    this.metrics = metrics;
  }

  /** One relay step; completes with the number of events published (0 when not the relay). Not reentrant. */
  public Future<Integer> tick() {
    return lease.hold().compose(hold -> {
      if (hold == RelayLease.Hold.HELD_BY_OTHER) {
        if (leader) {
          LOG.warn("relay=lost token={}", lease.token());
        }
        leader = false;
        return Future.succeededFuture(0);
      }
      boolean taken = hold == RelayLease.Hold.TAKEN;
      if (taken) {
        LOG.info("relay=taken token={}", lease.token());
        cursors.clear();
      }
      leader = true;
      return admin.listQueues().compose(queues -> relayAll(queues, taken));
    });
  }

  /** Gives the lease up (clean shutdown) so another gateway relays from its next tick. */
  public Future<Void> stop() {
    leader = false;
    return lease.release();
  }

  public boolean isLeader() {
    return leader;
  }

  private Future<Integer> relayAll(List<String> queues, boolean taken) {
    List<Future<Integer>> each = new ArrayList<>(queues.size());
    for (String queue : queues) {
      Future<String> start = cursors.containsKey(queue) ? Future.succeededFuture(cursors.get(queue))
          : taken ? events.latestId(queue) : Future.succeededFuture("0");
      each.add(start.compose(cursor -> {
        cursors.put(queue, cursor);
        return relay(queue, ROUNDS_PER_TICK);
      }).recover(e -> {
        LOG.warn("relay=read-failed queue={} error={}", queue, e.getMessage());
        return Future.succeededFuture(0);
      }));
    }
    return Future.all(each).map(all -> {
      int total = all.<Integer>list().stream().mapToInt(Integer::intValue).sum();
      metrics.relayed(total);
      return total;
    });
  }

  private Future<Integer> relay(String queue, int rounds) {
    return events.readAfter(queue, cursors.get(queue), BATCH).compose(batch -> {
      for (JobEvent event : batch) {
        bus.publish(BusAddresses.EVENTS, event.toJson());
        bus.publish(BusAddresses.eventsOf(queue), event.toJson());
        cursors.put(queue, event.id());
      }
      return counts.record(queue, batch).compose(v -> batch.size() == BATCH && rounds > 1
          ? relay(queue, rounds - 1).map(more -> batch.size() + more)
          : Future.succeededFuture(batch.size()));
    });
  }
}
