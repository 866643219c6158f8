package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.core.support.EngineFixture;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two worker JVMs over one Redis whose clocks disagree by two minutes (one 60 s slow, one 60 s fast):
 * shared times (lease expiry, due times, retention ages) must not depend on whose clock asked.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ClockSkewTest {
  private static final Duration SKEW = Duration.ofSeconds(60);

  @Test
  void aLeaseHandedOutByASlowClockIsNotRecoveredByAFastOneBeforeItExpires(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    Engine slow = engine(vertx, redis, Clock.offset(Clock.systemUTC(), SKEW.negated()), EngineSettings.defaults(EngineFixture.PREFIX));
    Engine fast = engine(vertx, redis, Clock.offset(Clock.systemUTC(), SKEW), EngineSettings.defaults(EngineFixture.PREFIX));
    String id = slow.enqueuer().enqueue("q", NewJob.of("echo", "{}")).await().id();
    FetchOutcome fetched = slow.transitions().fetch("q", "slow-worker").await();
    assertThat(fetched).isInstanceOf(FetchOutcome.Fetched.class);

    StalledReport report = fast.recovery().recoverStalled("q", true).await();

    assertThat(report).isEqualTo(new StalledReport(true, 0, 0));
    assertThat(f.zset("q", "active")).containsExactly(id);
    assertThat(f.hget("q", id, "state")).isEqualTo("active");
    assertThat(f.hget("q", id, "stalls")).isNull();
  }

  @Test
  void aDelayedJobIsDueAtTheSameRealTimeWhoeverEnqueuedIt(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    Engine slow = engine(vertx, redis, Clock.offset(Clock.systemUTC(), SKEW.negated()), EngineSettings.defaults(EngineFixture.PREFIX));
    Engine fast = engine(vertx, redis, Clock.offset(Clock.systemUTC(), SKEW), EngineSettings.defaults(EngineFixture.PREFIX));
    String bySlow = slow.enqueuer().enqueue("q", NewJob.of("echo", "{}").withOptions(JobOptions.fromJson(new JsonObject().put("delayMs", 30_000)))).await().id();
    String byFast = fast.enqueuer().enqueue("q", NewJob.of("echo", "{}").withOptions(JobOptions.fromJson(new JsonObject().put("delayMs", 30_000)))).await().id();

    FetchOutcome bySlowWorker = slow.transitions().fetch("q", "slow-worker").await();
    FetchOutcome byFastWorker = fast.transitions().fetch("q", "fast-worker").await();

    assertThat(bySlowWorker).isInstanceOf(FetchOutcome.Idle.class);
    assertThat(byFastWorker).isInstanceOf(FetchOutcome.Idle.class);
    assertThat(f.zset("q", "delayed")).containsExactlyInAnyOrder(bySlow, byFast);
    double slowDue = Double.parseDouble(String.valueOf(redis.command("ZSCORE", f.key("q", "delayed"), bySlow)));
    double fastDue = Double.parseDouble(String.valueOf(redis.command("ZSCORE", f.key("q", "delayed"), byFast)));
    assertThat(Math.abs(slowDue - fastDue)).isLessThan(5_000);
  }

  @Test
  void retentionAgesAgreeWhoeverFinishedTheJob(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    EngineSettings keepThirtySeconds = TunedSettings.defaults(EngineFixture.PREFIX).retention(-1, -1, 30_000).build();
    Engine slow = engine(vertx, redis, Clock.offset(Clock.systemUTC(), SKEW.negated()), keepThirtySeconds);
    Engine fast = engine(vertx, redis, Clock.offset(Clock.systemUTC(), SKEW), keepThirtySeconds);

    String bySlow = runToCompletion(slow);
    String byFast = runToCompletion(fast);

    assertThat(f.zset("q", "completed")).containsExactly(bySlow, byFast);
    assertThat(f.exists(f.key("q", "job:" + bySlow))).isTrue();
    long slowFinished = Long.parseLong(f.hget("q", bySlow, "finished"));
    long fastFinished = Long.parseLong(f.hget("q", byFast, "finished"));
    assertThat(fastFinished - slowFinished).isBetween(0L, 5_000L);
  }

  private static String runToCompletion(Engine engine) {
    String id = engine.enqueuer().enqueue("q", NewJob.of("echo", "{}")).await().id();
    Lease lease = ((FetchOutcome.Fetched) engine.transitions().fetch("q", "w").await()).lease();
    engine.transitions().complete(lease, "1", null).await();
    return id;
  }

  private static Engine engine(Vertx vertx, RedisNode redis, Clock clock, EngineSettings settings) {
    return Engine.create(RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await(), settings, clock, false);
  }
}
