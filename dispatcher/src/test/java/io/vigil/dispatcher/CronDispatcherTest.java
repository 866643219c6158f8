package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.Job;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.dispatcher.support.DispatcherFixture;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class CronDispatcherTest {
  private static final String PREFIX = DispatcherFixture.PREFIX;

  /** One dispatcher on a hand-moved clock, with its store and engine. */
  private record Setup(DispatcherFixture fixture, MutableClock clock, ScheduleStore store, CronDispatcher dispatcher) {
    static Setup at(Vertx vertx, RedisNode redis, String isoStart, DispatcherSettings settings) {
      DispatcherFixture fixture = new DispatcherFixture(vertx, redis);
      MutableClock clock = new MutableClock(Instant.parse(isoStart).toEpochMilli());
      Engine engine = Engine.create(fixture.broker, EngineSettings.defaults(PREFIX), clock, false);
      ScheduleStore store = new ScheduleStore(fixture.broker, PREFIX, clock);
      return new Setup(fixture, clock, store, new CronDispatcher(store, engine.enqueuer(), clock, settings));
    }

    /** Job ids waiting in a queue, FIFO. */
    List<String> waiting(String queue) {
      return fixture.zset(queue, "waiting");
    }

    String handledUntil(String scheduleId) {
      Object value = fixture.redis.command("HGET", PREFIX + ":schedules:handled-until", scheduleId);
      return value == null ? null : value.toString();
    }
  }

  private static Schedule schedule(String id, String cron, String timezone, MisfirePolicy misfire) {
    return Schedule.fromJson(id, new JsonObject().put("cron", cron).put("timezone", timezone).put("queue", "reports")
        .put("name", "nightly-report").put("data", new JsonObject().put("project", 7))
        .put("options", new JsonObject().put("attempts", 2)).put("misfire", misfire.wireName()));
  }

  private static String fireId(String scheduleId, String iso) {
    return Schedule.jobId(scheduleId, Instant.parse(iso).toEpochMilli());
  }

  @Test
  void dueFireBecomesOneJobWithTheScheduleIdAndFireTimeAsItsId(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", DispatcherSettings.defaults());
    s.store.put(schedule("minutely", "* * * * *", "UTC", MisfirePolicy.FIRE_ONCE)).await();
    assertThat(s.dispatcher.tick().await()).isEqualTo(new TickReport(1, 0, 0, 0, 0));

    s.clock.advance(30_200);
    TickReport first = s.dispatcher.tick().await();
    TickReport again = s.dispatcher.tick().await();

    String id = fireId("minutely", "2026-05-01T10:01:00Z");
    assertThat(first).isEqualTo(new TickReport(1, 1, 1, 0, 0));
    assertThat(again).isEqualTo(new TickReport(1, 0, 0, 0, 0));
    assertThat(s.waiting("reports")).containsExactly(id);
    assertThat(s.handledUntil("minutely")).isEqualTo(Long.toString(s.clock.millis()));
    Job job = s.fixture.engine.admin().getJob("reports", id).await();
    assertThat(job.name()).isEqualTo("nightly-report");
    assertThat(job.dataJson()).isEqualTo("{\"project\":7}");
    assertThat(job.options().attempts()).isEqualTo(2);
  }

  @Test
  void fireOnceEnqueuesOneCatchUpJobForAllFiresMissedInADowntime(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", DispatcherSettings.defaults());
    s.store.put(schedule("minutely", "* * * * *", "UTC", MisfirePolicy.FIRE_ONCE)).await();
    s.clock.advance(10 * 60_000);   // down until 10:10:30; fires 10:01..10:09 are over a minute late

    TickReport report = s.dispatcher.tick().await();

    assertThat(report).isEqualTo(new TickReport(1, 2, 2, 9, 0));
    assertThat(s.waiting("reports")).containsExactly(
        fireId("minutely", "2026-05-01T10:01:00Z"),    // the catch-up job
        fireId("minutely", "2026-05-01T10:10:00Z"));   // on time
    assertThat(s.dispatcher.tick().await().created()).isZero();
  }

  @Test
  void skipDropsTheMissedFiresAndKeepsTheOnTimeOne(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", DispatcherSettings.defaults());
    s.store.put(schedule("minutely", "* * * * *", "UTC", MisfirePolicy.SKIP)).await();
    s.clock.advance(10 * 60_000);

    TickReport report = s.dispatcher.tick().await();

    assertThat(report).isEqualTo(new TickReport(1, 1, 1, 9, 0));
    assertThat(s.waiting("reports")).containsExactly(fireId("minutely", "2026-05-01T10:10:00Z"));
    assertThat(s.handledUntil("minutely")).isEqualTo(Long.toString(s.clock.millis()));
  }

  @Test
  void fireAllEnqueuesEveryMissedFireUpToTheCatchUpBound(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", new DispatcherSettings(250, 60_000, 5));
    s.store.put(schedule("minutely", "* * * * *", "UTC", MisfirePolicy.FIRE_ALL)).await();
    s.clock.advance(10 * 60_000);

    TickReport report = s.dispatcher.tick().await();
    s.clock.advance(1_000);
    TickReport next = s.dispatcher.tick().await();

    assertThat(report).isEqualTo(new TickReport(1, 6, 6, 9, 0));
    assertThat(next).isEqualTo(new TickReport(1, 0, 0, 0, 0));
    assertThat(s.waiting("reports")).containsExactly(
        fireId("minutely", "2026-05-01T10:01:00Z"), fireId("minutely", "2026-05-01T10:02:00Z"),
        fireId("minutely", "2026-05-01T10:03:00Z"), fireId("minutely", "2026-05-01T10:04:00Z"),
        fireId("minutely", "2026-05-01T10:05:00Z"), fireId("minutely", "2026-05-01T10:10:00Z"));
  }

  @Test
  void dailyFireAt0230BerlinIsEnqueuedOnceOnEachDaylightSavingChangeDay(Vertx vertx, RedisNode redis) {
    for (String[] days : new String[][] {
        {"2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"},    // spring forward: 03:30 CEST
        {"2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"}}) { // fall back: first 02:30 only
      Setup s = Setup.at(vertx, redis, days[0], new DispatcherSettings(250, 3_600_000, 100));
      s.store.put(schedule("berlin", "30 2 * * *", "Europe/Berlin", MisfirePolicy.FIRE_ALL)).await();

      for (int step = 0; step < 48 * 12; step++) {   // two days in five-minute ticks
        s.clock.advance(5 * 60_000);
        s.dispatcher.tick().await();
      }

      assertThat(s.waiting("reports")).as(days[0]).containsExactly(fireId("berlin", days[1]), fireId("berlin", days[2]));
    }
  }

  @Test
  void quartzSecondsScheduleFiresEverySecond(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:00.100Z", DispatcherSettings.defaults());
    s.store.put(schedule("fast", "*/1 * * * * ?", "UTC", MisfirePolicy.FIRE_ONCE)).await();

    for (int i = 0; i < 12; i++) {
      s.clock.advance(250);
      s.dispatcher.tick().await();
    }

    assertThat(s.waiting("reports")).containsExactly(fireId("fast", "2026-05-01T10:00:01Z"),
        fireId("fast", "2026-05-01T10:00:02Z"), fireId("fast", "2026-05-01T10:00:03Z"));
  }

  @Test
  void deletedScheduleStopsFiringAndABrokenOneDoesNotStopTheOthers(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", DispatcherSettings.defaults());
    s.store.put(schedule("gone", "* * * * *", "UTC", MisfirePolicy.FIRE_ONCE)).await();
    s.store.put(schedule("kept", "* * * * *", "UTC", MisfirePolicy.FIRE_ONCE)).await();
    redis.command("HSET", PREFIX + ":schedules", "broken", "{not json");
    s.store.delete("gone").await();

    s.clock.advance(60_000);
    TickReport report = s.dispatcher.tick().await();

    assertThat(report).isEqualTo(new TickReport(1, 1, 1, 0, 0));
    assertThat(s.waiting("reports")).containsExactly(fireId("kept", "2026-05-01T10:01:00Z"));
    assertThat(s.handledUntil("gone")).isNull();
  }

  @Test
  void scheduleStoredWithoutAWatermarkStartsFromTheFirstTick(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", DispatcherSettings.defaults());
    redis.command("HSET", PREFIX + ":schedules", "bare",
        schedule("bare", "* * * * *", "UTC", MisfirePolicy.FIRE_ALL).toJson().encode());

    s.dispatcher.tick().await();
    s.clock.advance(60_000);
    s.dispatcher.tick().await();

    assertThat(s.waiting("reports")).containsExactly(fireId("bare", "2026-05-01T10:01:00Z"));
  }

  @Test
  void replacedScheduleFiresOnItsNewCronFromTheNextTick(Vertx vertx, RedisNode redis) {
    Setup s = Setup.at(vertx, redis, "2026-05-01T10:00:30Z", DispatcherSettings.defaults());
    s.store.put(schedule("report", "0 3 * * *", "UTC", MisfirePolicy.FIRE_ONCE)).await();
    s.dispatcher.tick().await();   // remembers 03:00 tomorrow as the next fire

    s.store.put(schedule("report", "* * * * *", "UTC", MisfirePolicy.FIRE_ONCE)).await();
    s.clock.advance(30_000);
    s.dispatcher.tick().await();

    assertThat(s.waiting("reports")).containsExactly(fireId("report", "2026-05-01T10:01:00Z"));
  }
}
