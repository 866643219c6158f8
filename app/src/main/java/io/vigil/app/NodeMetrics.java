package io.vigil.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.job.JobState;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.QueueInfo;
import io.vigil.core.redis.FailoverBroker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Metrics every node exposes besides the roles' own: Redis master changes, Sentinels answering and
 * configured, queue depth per state and Redis memory (both read from Redis, so every node reports the same
 * cluster-wide value). Per-queue series follow {@code <prefix>:queues}: a deleted queue's depth rows go at the next
 * poll, and its {@link #PRUNED} counters once it was missing from two polls in a row (a queue created between
 * the list and a submit is not pruned by a stale list).
 */
final class NodeMetrics {
  private static final long DEPTH_POLL_MS = 5_000;
  /** Per-queue meters registered on use (so removing one loses nothing but its count so far). */
  static final List<String> PRUNED = List.of("vigil.jobs.submitted");
  private final Engine engine;
  private final MeterRegistry registry;
  private Set<String> missingLastPoll = Set.of();
  private final MultiGauge depths;
  private final RedisMemoryMetrics memory;
  private PeriodicTask task;

  private NodeMetrics(Engine engine, MultiGauge depths, RedisMemoryMetrics memory, MeterRegistry registry) {
    this.engine = engine;
    this.registry = registry;
    this.depths = depths;
    this.memory = memory;
  }

  static NodeMetrics bind(Vertx vertx, Engine engine, FailoverBroker broker, MeterRegistry registry) {
    Counter failovers = Counter.builder("vigil.redis.failovers")
        .description("Switches to a new Redis master this node followed").register(registry);
    broker.onMasterChanged(change -> failovers.increment());
    Gauge.builder("vigil.redis.sentinels.answering", broker, b -> b.status().sentinelsAnswering())
        .description("Sentinels that answered the last topology refresh").register(registry);
    Gauge.builder("vigil.redis.sentinels.configured", broker, b -> b.status().sentinelsConfigured())
        .description("Sentinels configured (REDIS_SENTINELS); 0 standalone").register(registry);
    NodeMetrics metrics = new NodeMetrics(engine,
        MultiGauge.builder("vigil.queue.jobs").description("Jobs per queue and state").register(registry),
        new RedisMemoryMetrics(engine.broker(), engine.settings().memoryWatermark(), registry), registry);
    metrics.task = PeriodicTask.start(vertx, engine.clock(), "redis-state-metrics", DEPTH_POLL_MS,
        () -> Future.join(metrics.pollDepths(), metrics.memory.poll()));
    metrics.task.runNow();
    return metrics;
  }

  Future<Void> stop() {
    return task.stop();
  }

  private Future<?> pollDepths() {
    return engine.admin().listQueues()
        .onSuccess(this::pruneDeletedQueues)
        .compose(queues -> Future.all(queues.stream().map(q -> engine.admin().info(q)).toList()))
        .onSuccess(all -> {
          List<MultiGauge.Row<?>> rows = new ArrayList<>();
          for (int i = 0; i < all.size(); i++) {
            QueueInfo info = all.resultAt(i);
            for (JobState state : JobState.values()) {
              rows.add(MultiGauge.Row.of(Tags.of("queue", info.name(), "state", state.wireName()),
                  info.counts().getOrDefault(state, 0L)));
            }
          }
          depths.register(rows, true);
        });
  }

  private void pruneDeletedQueues(List<String> queues) {
    Set<String> known = new HashSet<>(queues);
    Set<String> missing = new HashSet<>();
    for (String name : PRUNED) {
      for (Meter meter : registry.find(name).meters()) {
        String queue = meter.getId().getTag("queue");
        if (queue != null && !known.contains(queue)) {
          missing.add(queue);
          if (missingLastPoll.contains(queue)) {
            registry.remove(meter);
          }
        }
      }
    }
    missingLastPoll = missing;
  }
}
