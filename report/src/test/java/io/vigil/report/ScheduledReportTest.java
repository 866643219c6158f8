package io.vigil.report;

import static io.vigil.report.support.ReportFixture.competitor;
import static io.vigil.report.support.ReportFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.dispatcher.CronDispatcher;
import io.vigil.dispatcher.DispatcherSettings;
import io.vigil.dispatcher.Schedule;
import io.vigil.dispatcher.ScheduleStore;
import io.vigil.dispatcher.TickReport;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.report.store.ReportStore;
import io.vigil.report.support.ReportFixture;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cron schedule fires report jobs through the dispatcher; a real processor runs them. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ScheduledReportTest {
  private ReportFixture fx;

  @BeforeEach
  void setUp(Vertx vertx, RedisNode redis) {
    fx = new ReportFixture(vertx, redis).startProcessor();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void eachFireOfAScheduleProducesAReportComparedWithThePreviousFire() throws Exception {
    // The dispatcher runs on a hand-moved clock starting 30 s before a minute boundary, near real time.
    long minute = 60_000;
    long start = (System.currentTimeMillis() / minute + 1) * minute - 30_000;
    MutableClock clock = new MutableClock(start);
    Engine dispatcherEngine = Engine.create(fx.engine.broker(), EngineSettings.defaults(ReportFixture.PREFIX), clock, false);
    ScheduleStore schedules = new ScheduleStore(fx.engine.broker(), ReportFixture.PREFIX, clock);
    CronDispatcher dispatcher = new CronDispatcher(schedules, dispatcherEngine.enqueuer(), clock, DispatcherSettings.defaults());
    fx.site.page("/acme", "<title>Acme</title><h2>Starter</h2><p>Starter $19.99</p>");
    JsonObject data = payload("proj-cron", "markdown", competitor("Acme", fx.site.url("/acme")));
    schedules.put(Schedule.fromJson("acme-weekly", new JsonObject().put("cron", "* * * * *")
        .put("queue", ReportGenerationHandler.QUEUE).put("name", ReportGenerationHandler.JOB_NAME).put("data", data))).await();

    clock.set(start + 30_100);
    TickReport firstTick = dispatcher.tick().await();
    String firstId = Schedule.jobId("acme-weekly", start + 30_000);
    JsonObject first = fx.report(firstId);
    fx.site.page("/acme", "<title>Acme</title><h2>Starter</h2><h2>Team</h2><p>Starter $24.99</p>");
    clock.set(start + 30_100 + minute);
    TickReport secondTick = dispatcher.tick().await();
    String secondId = Schedule.jobId("acme-weekly", start + 30_000 + minute);
    JsonObject second = fx.report(secondId);

    assertThat(firstTick.created()).isEqualTo(1);
    assertThat(secondTick.created()).isEqualTo(1);
    assertThat(first.getString("jobId")).isEqualTo(firstId);
    assertThat(first.getValue("changes")).isNull();
    assertThat(second.getJsonObject("changes").getString("previousJobId")).isEqualTo(firstId);
    assertThat(second.getJsonObject("changes").getJsonArray("competitors")).isEqualTo(new JsonArray().add(new JsonObject()
        .put("name", "Acme")
        .put("headingsAdded", new JsonArray().add(new JsonObject().put("level", "h2").put("text", "Team")))
        .put("pricesAdded", new JsonArray().add(new JsonObject().put("currency", "USD").put("amount", "24.99").put("text", "$24.99")))
        .put("pricesRemoved", new JsonArray().add(new JsonObject().put("currency", "USD").put("amount", "19.99").put("text", "$19.99")))));
    assertThat(new ReportStore(fx.engine.broker(), ReportFixture.PREFIX, clock, 0).latest("proj-cron").await())
        .isEqualTo(second);
  }
}
