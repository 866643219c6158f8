package io.vigil.core.queue;

import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.job.Submitted;
import io.vigil.core.support.EngineFixture;
import io.vigil.core.support.ResendingBroker;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10, item 1: a durable call the broker sends again after its first run was applied (the master
 * changed before the replicas confirmed it) answers as the first run did and acts once, also when a
 * worker changed the job in between. (Schedule changes: the dispatcher module's ScheduleStoreTest.)
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ResentCallTest {

  private static Engine resending(EngineFixture f, Supplier<Future<?>> between) {
    return Engine.create(new ResendingBroker(f.broker, between), f.engine.settings(), f.clock, false);
  }

  @Test
  void anEnqueueResentAfterItsJobRanAndWasRemovedCreatesNothing(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    Engine engine = resending(f, () -> fetchThen(f, lease -> f.engine.transitions().complete(lease, "{}", null)));
    NewJob job = NewJob.of("echo", "{}").withId("dup-x")
        .withOptions(JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0)));

    Submitted answer = engine.enqueuer().enqueue("q", job).await();

    assertThat(answer).isEqualTo(new Submitted("dup-x", true, false));
    assertThat(f.keys("vt:{q}:job:*")).isEmpty();
    assertThat(f.zset("q", "waiting")).isEmpty();
    assertThat(f.zset("q", "reserved-ids")).containsExactly("dup-x");
    assertThat(events(f, "q")).containsExactly("added dup-x", "active dup-x", "completed dup-x");
  }

  @Test
  void aRetryResentAfterTheJobFailedAgainDoesNotResetItsAttemptsASecondTime(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{}").withId("r1").withOptions(JobOptions.DEFAULTS.withAttempts(1)))
        .await();
    f.engine.transitions().fail(fetch(f, "q", "w1"), "first", -1, null).await();
    Engine engine = resending(f, () -> fetchThen(f, lease -> f.engine.transitions().fail(lease, "second", -1, null)));

    engine.admin().retry("q", "r1").await();

    assertThat(f.hget("q", "r1", "state")).isEqualTo("failed");
    assertThat(f.hget("q", "r1", "atm")).isEqualTo("1");
    assertThat(f.zset("q", "failed")).containsExactly("r1");
    assertThat(f.zset("q", "waiting")).isEmpty();
    assertThat(events(f, "q")).containsExactly("added r1", "active r1", "failed r1", "retried r1", "active r1",
        "failed r1");
  }

  @Test
  void aPromoteResentAfterItAppliedAnswersAsTheFirstDid(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{}").withId("p1")
        .withOptions(JobOptions.fromJson(new JsonObject().put("delayMs", 60_000)))).await();

    resending(f, Future::succeededFuture).admin().promote("q", "p1").await();

    assertThat(f.hget("q", "p1", "state")).isEqualTo("waiting");
    assertThat(f.zset("q", "waiting")).containsExactly("p1");
    assertThat(f.zset("q", "delayed")).isEmpty();
    assertThat(events(f, "q")).containsExactly("added p1", "promoted p1");
  }

  @Test
  void aRemoveResentAfterItAppliedAnswersAsTheFirstDid(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{}").withId("x1")).await();

    resending(f, Future::succeededFuture).admin().remove("q", "x1").await();

    assertThat(f.keys("vt:{q}:job:*")).isEmpty();
    assertThat(f.zset("q", "waiting")).isEmpty();
    assertThat(events(f, "q")).containsExactly("added x1", "removed x1");
    // The call's record: a short-lived key, nothing that stays.
    for (String op : f.keys("vt:{q}:op:*")) {
      assertThat((Long) redis.command("PTTL", op)).isBetween(1L, 60_000L);
    }
    assertThat(f.keys("vt:{q}:op:*")).hasSize(2);
  }

  @Test
  void anIdStaysReservedAfterItsJobIsGoneUntilTheReservationEnds(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX)
        .idReservationMs(3_600_000).build());
    NewJob job = NewJob.of("echo", "{}").withId("k1")
        .withOptions(JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0)));
    f.engine.enqueuer().enqueue("q", job).await();
    f.engine.transitions().complete(fetch(f, "q", "w1"), "{}", null).await();

    Submitted again = f.engine.enqueuer().enqueue("q", job).await();
    f.clock.advance(3_600_001);
    f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{}").withId("other")).await();
    Submitted later = f.engine.enqueuer().enqueue("q", job).await();

    assertThat(again).isEqualTo(new Submitted("k1", false, true));
    assertThat(later).isEqualTo(new Submitted("k1", true, false));
    assertThat(f.zset("q", "reserved-ids")).containsExactlyInAnyOrder("other", "k1");
    assertThat(f.zset("q", "waiting")).containsExactly("other", "k1");
  }

  /** A worker's fetch and its next step, without blocking (it runs on the event loop between two sends). */
  private static Future<?> fetchThen(EngineFixture f, java.util.function.Function<Lease, Future<?>> step) {
    return f.engine.transitions().fetch("q", "w1").compose(o -> step.apply(((FetchOutcome.Fetched) o).lease()));
  }

  @SuppressWarnings("unchecked")
  static List<String> events(EngineFixture f, String queue) {
    List<String> out = new ArrayList<>();
    for (Object entry : (List<Object>) f.redis.command("XRANGE", f.key(queue, "events"), "-", "+")) {
      List<Object> fields = (List<Object>) ((List<Object>) entry).get(1);
      out.add(fields.get(fields.indexOf("event") + 1) + " " + fields.get(fields.indexOf("jobId") + 1));
    }
    return out;
  }
}
