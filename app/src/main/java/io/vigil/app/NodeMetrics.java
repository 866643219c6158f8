package io.vigil.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.List;

/**
 * Metrics every node exposes besides the roles' own: Redis master changes, Sentinels answering and
 * configured, queue depth per state and Redis memory (both read from Redis, so every node reports the same
 * cluster-wide value).
 */
final class NodeMetrics {
  private static final long DEPTH_POLL_MS = 5_000;
  private final Engine engine;
  private final MultiGauge depths;
  private final RedisMemoryMetrics memory;
  private PeriodicTask task;

  private NodeMetrics(Engine engine, MultiGauge depths, RedisMemoryMetrics memory) {
    this.engine = engine;
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
        new RedisMemoryMetrics(engine.broker(), engine.settings().memoryWatermark(), registry));
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
}
