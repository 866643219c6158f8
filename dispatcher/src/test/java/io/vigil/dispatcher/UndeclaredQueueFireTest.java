package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.QueuePolicy;
import io.vigil.dispatcher.support.DispatcherFixture;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With VIGIL_QUEUES_DECLARED, a cron fire into an undeclared queue is refused like a REST submit. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class UndeclaredQueueFireTest {
  private static final String PREFIX = DispatcherFixture.PREFIX;

  @Test
  void aFireIntoAnUndeclaredQueueWritesNoJobAndFiresOnceTheQueueIsDeclared(Vertx vertx, RedisNode redis) {
    DispatcherFixture fixture = new DispatcherFixture(vertx, redis);
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:30Z").toEpochMilli());
    Engine engine = Engine.create(fixture.broker, EngineSettings.defaults(PREFIX)
        .withQueues(new QueuePolicy(true, 1000, List.of())), clock, false);
    ScheduleStore store = new ScheduleStore(fixture.broker, PREFIX, clock);
    CronDispatcher dispatcher = new CronDispatcher(store, engine.enqueuer(), clock, DispatcherSettings.defaults());
    store.put(Schedule.fromJson("minutely", new JsonObject().put("cron", "* * * * *").put("timezone", "UTC")
        .put("queue", "reports").put("name", "nightly-report"))).await();
    dispatcher.tick().await();
    clock.advance(30_200);

    TickReport refused = dispatcher.tick().await();

    assertThat(refused.failures()).isEqualTo(1);
    assertThat(redis.command("KEYS", PREFIX + ":{reports}:*")).asList().isEmpty();
    assertThat(engine.admin().listQueues().await()).isEmpty();

    engine.queues().declare("reports", null).await();
    TickReport fired = dispatcher.tick().await();

    assertThat(fired.created()).isEqualTo(1);
    assertThat(fixture.zset("reports", "waiting"))
        .containsExactly(Schedule.jobId("minutely", Instant.parse("2026-05-01T10:01:00Z").toEpochMilli()));
  }
}
