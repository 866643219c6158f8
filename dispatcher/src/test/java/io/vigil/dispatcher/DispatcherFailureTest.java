package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.dispatcher.support.DispatcherFixture;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class DispatcherFailureTest {

  private static Schedule minutely(String id, String queue) {
    return Schedule.fromJson(id, new JsonObject().put("cron", "* * * * *").put("queue", queue).put("name", "tick"));
  }

  @Test
  void fullQueueHoldsBackOnlyItsOwnScheduleWhichCatchesUpOnceThereIsRoom(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:30Z").toEpochMilli());
    Engine engine = Engine.create(f.broker, EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", DispatcherFixture.PREFIX,
        "REDIS_MAX_JOBS_PER_QUEUE", "1")), clock, false);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, clock);
    CronDispatcher dispatcher = new CronDispatcher(store, engine.enqueuer(), clock, DispatcherSettings.defaults());
    store.put(minutely("blocked", "full")).await();
    store.put(minutely("free", "open")).await();
    String filler = engine.enqueuer().enqueue("full", NewJob.of("filler", "1")).await().id();

    clock.advance(30_000);
    TickReport blockedTick = dispatcher.tick().await();
    redis.command("DEL", f.key("full", "waiting"), f.key("full", "job:" + filler), f.key("full", "job:" + filler + ":data"));
    TickReport retryTick = dispatcher.tick().await();

    assertThat(blockedTick).isEqualTo(new TickReport(2, 1, 1, 0, 1));
    assertThat(retryTick).isEqualTo(new TickReport(2, 1, 1, 0, 0));
    String fire = Long.toString(Instant.parse("2026-05-01T10:01:00Z").toEpochMilli());
    assertThat(f.zset("open", "waiting")).containsExactly("cron-free-" + fire);
    assertThat(f.zset("full", "waiting")).containsExactly("cron-blocked-" + fire);
  }
}
