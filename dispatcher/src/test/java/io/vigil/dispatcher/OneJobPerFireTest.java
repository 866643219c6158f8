package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.dispatcher.support.DispatcherFixture;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fire's job may be gone long before a dispatcher could plan that fire again (retention keeps none, or a busy
 * queue trims it); a watermark advance lost in a failover, or a dispatcher that read the watermark before
 * another moved it, must still not produce a second job for the same fire.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class OneJobPerFireTest {
  private static final String PREFIX = DispatcherFixture.PREFIX;
  private static final String HANDLED_UNTIL = PREFIX + ":schedules:handled-until";

  private record Setup(DispatcherFixture fixture, MutableClock clock, Engine engine, CronDispatcher dispatcher) {
    static Setup at(Vertx vertx, RedisNode redis, EngineSettings engineSettings) {
      DispatcherFixture fixture = new DispatcherFixture(vertx, redis);
      MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:30Z").toEpochMilli());
      Engine engine = Engine.create(fixture.broker, engineSettings, clock, false);
      ScheduleStore store = new ScheduleStore(fixture.broker, PREFIX, clock);
      store.put(Schedule.fromJson("minutely", new JsonObject().put("cron", "* * * * *").put("queue", "reports")
          .put("name", "nightly-report"))).await();
      return new Setup(fixture, clock, engine, new CronDispatcher(store, engine.enqueuer(), clock,
          DispatcherSettings.defaults()));
    }

    /** Runs and completes every waiting job of the queue, as a worker would. */
    void workOff() {
      while (engine.transitions().fetch("reports", "w1").await() instanceof FetchOutcome.Fetched fetched) {
        engine.transitions().complete(fetched.lease(), "null", null).await();
      }
    }

    String handledUntil() {
      return String.valueOf(fixture.redis.command("HGET", HANDLED_UNTIL, "minutely"));
    }
  }

  @Test
  void aFireWhoseWatermarkAdvanceWasLostIsNotEnqueuedAgainOnceItsJobIsGoneWithKeepCompletedZero(Vertx vertx,
                                                                                             RedisNode redis) {
    Setup s = Setup.at(vertx, redis, EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", PREFIX,
        "VIGIL_KEEP_COMPLETED", "0", "VIGIL_KEEP_FAILED", "50", "REDIS_JOB_RETENTION_HOURS", "0")));
    String before = s.handledUntil();
    s.clock.advance(30_200);
    TickReport fired = s.dispatcher.tick().await();
    // The master that took the advance dies before it replicates: the new master has the old watermark.
    s.fixture.redis.command("HSET", HANDLED_UNTIL, "minutely", before);
    s.workOff();

    TickReport again = s.dispatcher.tick().await();

    assertThat(fired).isEqualTo(new TickReport(1, 1, 1, 0, 0));
    assertThat(again).isEqualTo(new TickReport(1, 1, 0, 0, 0));
    assertThat(s.fixture.zset("reports", "waiting")).isEmpty();
    assertThat(s.fixture.zset("reports", "completed")).isEmpty();
    assertThat(s.fixture.keys(PREFIX + ":{reports}:job:*")).isEmpty();
    String fireId = Schedule.jobId("minutely", Instant.parse("2026-05-01T10:01:00Z").toEpochMilli());
    String marker = PREFIX + ":{reports}:once:" + fireId;
    assertThat(s.fixture.keys(PREFIX + ":{reports}:once:*")).containsExactly(marker);
    long ttl = Long.parseLong(String.valueOf(s.fixture.redis.command("PTTL", marker)));
    assertThat(ttl).isBetween(CronDispatcher.FIRE_MARKER_MS, CronDispatcher.FIRE_MARKER_MS + 60_000);
    System.out.println("fire_marker_bytes " + s.fixture.redis.command("MEMORY", "USAGE", marker));
    assertThat(s.handledUntil()).isEqualTo(Long.toString(s.clock.millis()));
  }

  @Test
  void aDispatcherOnAStaleWatermarkDoesNotReEnqueueAFireTrimmedByABusyQueue(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, EngineSettings.defaults(PREFIX));
    String before = s.handledUntil();
    s.clock.advance(30_200);
    s.dispatcher.tick().await();
    String fireId = Schedule.jobId("minutely", Instant.parse("2026-05-01T10:01:00Z").toEpochMilli());
    s.workOff();
    // 100 other completions push the fire's job out of the kept 100.
    for (int i = 0; i < 100; i++) {
      s.engine.enqueuer().enqueue("reports", NewJob.of("other", "{}").withId("other-" + i)).await();
    }
    s.workOff();
    assertThat(s.fixture.zset("reports", "completed")).doesNotContain(fireId).hasSize(100);
    // A second dispatcher read the watermark before the first one moved it.
    s.fixture.redis.command("HSET", HANDLED_UNTIL, "minutely", before);

    TickReport stale = s.dispatcher.tick().await();

    assertThat(stale).isEqualTo(new TickReport(1, 1, 0, 0, 0));
    assertThat(s.fixture.zset("reports", "waiting")).isEmpty();
    List<String> completed = s.fixture.zset("reports", "completed");
    assertThat(completed).hasSize(100).allMatch(id -> id.startsWith("other-"));
  }
}
