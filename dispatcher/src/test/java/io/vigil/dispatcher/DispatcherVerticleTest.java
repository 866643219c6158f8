package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.dispatcher.support.DispatcherFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class DispatcherVerticleTest {

  @Test
  void deployedDispatcherEnqueuesEachFireOnceAndCountsItsFires(Vertx vertx, RedisNode redis) throws Exception {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, Clock.systemUTC());
    store.put(Schedule.fromJson("every-second", new JsonObject().put("cron", "* * * * * ?").put("queue", "q")
        .put("name", "echo"))).await();
    Engine engine = Engine.create(f.broker, EngineSettings.defaults(DispatcherFixture.PREFIX), Clock.systemUTC(), false);
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CronDispatcher dispatcher = new CronDispatcher(store, engine.enqueuer(), Clock.systemUTC(), DispatcherSettings.defaults());
    String deployment = vertx.deployVerticle(new DispatcherVerticle(dispatcher, 100, prometheus)).await();

    // The window under test: with the schedule put just before, its length bounds the fires to two or three.
    Thread.sleep(2_300);
    vertx.undeploy(deployment).await();

    @SuppressWarnings("unchecked")
    List<Object> jobs = (List<Object>) redis.command("ZRANGE", DispatcherFixture.PREFIX + ":{q}:waiting", "0", "-1");
    assertThat(jobs).hasSizeBetween(2, 3).allSatisfy(id -> assertThat(id.toString()).matches("cron-every-second-\\d+000"));
    assertThat(prometheus.scrape()).contains("vigil_dispatcher_fires_total " + jobs.size() + ".0")
        .contains("vigil_dispatcher_misfires_total 0.0");
  }
}
