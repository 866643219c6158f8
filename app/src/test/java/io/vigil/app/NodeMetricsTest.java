package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-queue series follow the queue list: a deleted queue's series leave every node that polls it. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class NodeMetricsTest {

  @Test
  void aDeletedQueuesDepthRowsAndSubmittedCountersDisappear(Vertx vertx, RedisNode redis) {
    redis.flushAll();
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
    Engine engine = Engine.create(broker, EngineSettings.defaults("vt"), Clock.systemUTC(), false);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    engine.enqueuer().enqueue("kept", NewJob.of("echo", "1")).await();
    engine.enqueuer().enqueue("gone", NewJob.of("echo", "1")).await();
    // As the gateway counts a submission (GatewayMetrics registers on use).
    for (String queue : new String[] {"kept", "gone"}) {
      Counter.builder("vigil.jobs.submitted").tag("queue", queue).tag("outcome", "created").register(registry)
          .increment();
    }
    NodeMetrics metrics = NodeMetrics.bind(vertx, engine, broker, registry);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> queuesOf(registry, "vigil.queue.jobs").size() == 2);

      engine.queues().delete("gone", true).await();

      // Depth rows go at the next poll (5 s), counters after two polls without the queue.
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> queuesOf(registry, "vigil.queue.jobs").equals(Set.of("kept"))
              && queuesOf(registry, "vigil.jobs.submitted").equals(Set.of("kept")));
      assertThat(registry.find("vigil.jobs.submitted").tag("queue", "kept").counter().count()).isEqualTo(1.0);
    } finally {
      metrics.stop().await();
    }
  }

  private static Set<String> queuesOf(SimpleMeterRegistry registry, String name) {
    Set<String> out = new TreeSet<>();
    for (Meter meter : registry.find(name).meters()) {
      out.add(meter.getId().getTag("queue"));
    }
    return out;
  }
}
