package io.vigil.core.queue;

import static io.vigil.core.queue.EnqueueTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.event.JobEvent;
import io.vigil.core.job.Backoff;
import io.vigil.core.job.BackoffType;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class TransitionsTest {

  @Test
  void fetchMovesTheJobToActiveUnderALeaseTokenAndExpiry(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS);

    Lease lease = fetch(f, "q", "worker-1");

    assertThat(lease.jobId()).isEqualTo(id);
    assertThat(lease.token()).hasSize(32);
    assertThat(lease.expiresAt()).isEqualTo(f.clock.millis() + f.engine.settings().leaseMs());
    assertThat(f.zset("q", "waiting")).isEmpty();
    assertThat(f.zset("q", "active")).containsExactly(id);
    assertThat(f.hget("q", id, "lease")).isEqualTo(lease.token());
    assertThat(f.hget("q", id, "worker")).isEqualTo("worker-1");
    assertThat(lease.job().attemptsStarted()).isEqualTo(1);
    // Redis keeps the lease's end on its own clock: started (Redis time) plus the lease.
    long started = Long.parseLong(f.hget("q", id, "started"));
    assertThat(redis.command("ZSCORE", f.key("q", "active"), id))
        .isEqualTo(Long.toString(started + f.engine.settings().leaseMs()));
  }

  @Test
  void completeRecordsResultAndIsIdempotentForTheSameToken(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w");
    f.clock.advance(7);

    long before = f.redisNow();
    f.engine.transitions().complete(lease, "{\"ok\":true}", null).await();
    long after = f.redisNow();
    f.engine.transitions().complete(lease, "{\"ok\":true}", null).await();

    Job job = f.engine.admin().getJob("q", id).await();
    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    assertThat(job.resultJson()).isEqualTo("{\"ok\":true}");
    assertThat(job.attemptsMade()).isEqualTo(1);
    assertThat(job.finishedAt()).isBetween(before, after);
    assertThat(f.zset("q", "active")).isEmpty();
    assertThat(f.zset("q", "completed")).containsExactly(id);
    assertThat(f.engine.events().readAfter("q", "0", 10).await()).extracting(e -> e.event())
        .containsExactly("added", "active", "completed");
  }

  @Test
  void completeRejectsStaleLeaseTokenAndCountsTheLateResult(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS);
    Lease first = fetch(f, "q", "w1");
    f.clock.advance(f.engine.settings().leaseMs() + 1);
    assertThat(f.engine.recovery().recoverStalled("q", true).await()).isEqualTo(new StalledReport(true, 1, 0));
    Lease second = fetch(f, "q", "w2");
    assertThat(second.jobId()).isEqualTo(id);

    assertThatThrownBy(() -> f.engine.transitions().complete(first, "\"late\"", null).await())
        .isInstanceOf(LeaseMismatchException.class);
    assertThatThrownBy(() -> f.engine.transitions().fail(first, "late", 0, null).await())
        .isInstanceOf(LeaseMismatchException.class);
    assertThat(f.engine.transitions().extendLeases("q", List.of(first, second)).await()).containsExactly(false, true);

    assertThat(f.hget("q", id, "state")).isEqualTo("active");
    assertThat(f.hget("q", id, "lease")).isEqualTo(second.token());
    assertThat(f.engine.admin().info("q").await().staleResults()).isEqualTo(2);
    f.engine.transitions().complete(second, "\"mine\"", null).await();
    assertThat(f.hget("q", id, "result")).isEqualTo("\"mine\"");
  }

  @Test
  void jobWithThreeAttemptsThatAlwaysFailsRunsExactlyThreeTimesWithGrowingDelays(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    Backoff backoff = new Backoff(BackoffType.EXPONENTIAL, 100, 0);
    String id = submit(f, "q", JobOptions.DEFAULTS.withAttempts(3).withBackoff(backoff));
    List<Long> delays = new ArrayList<>();
    int runs = 0;
    while (true) {
      FetchOutcome outcome = f.engine.transitions().fetch("q", "w").await();
      if (outcome instanceof FetchOutcome.Idle idle) {
        if (idle.nextDueAt() < 0) {
          break;
        }
        // The delay as stored: due time minus the time the retry was scheduled (both Redis time).
        List<JobEvent> events = f.engine.events().readAfter("q", "0", 20).await();
        long retriedAt = events.get(events.size() - 1).timestamp();
        delays.add(Long.parseLong(String.valueOf(redis.command("ZSCORE", f.key("q", "delayed"), id))) - retriedAt);
        f.clock.advance(idle.nextDueAt() - f.clock.millis());
        continue;
      }
      Lease lease = ((FetchOutcome.Fetched) outcome).lease();
      runs++;
      long delay = backoff.delayAfter(lease.job().attemptsMade() + 1, 0.5);
      f.engine.transitions().fail(lease, "boom " + runs, delay, null).await();
    }

    assertThat(runs).isEqualTo(3);
    assertThat(delays).containsExactly(100L, 200L);
    Job job = f.engine.admin().getJob("q", id).await();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.attemptsMade()).isEqualTo(3);
    assertThat(job.failedReason()).isEqualTo("boom 3");
    assertThat(job.errors()).containsExactly("boom 1", "boom 2", "boom 3");
    assertThat(f.zset("q", "failed")).containsExactly(id);
    assertThat(f.engine.events().readAfter("q", "0", 20).await()).extracting(e -> e.event())
        .containsExactly("added", "active", "retrying", "active", "retrying", "active", "failed");
  }

  @Test
  void nonRetryableErrorFailsAtOnceWhateverAttemptsRemain(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS.withAttempts(5));
    Lease lease = fetch(f, "q", "w");

    FailResult result = f.engine.transitions().fail(lease, "bad input", -1, null).await();

    assertThat(result.outcome()).isEqualTo(FailOutcome.FAILED);
    assertThat(f.hget("q", id, "state")).isEqualTo("failed");
    assertThat(f.zset("q", "failed")).containsExactly(id);
  }

  @Test
  void pausedQueueHandsOutNothingUntilResumed(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS);
    f.engine.admin().pause("q").await();

    assertThat(f.engine.transitions().fetch("q", "w").await()).isEqualTo(new FetchOutcome.Paused());
    assertThat(f.engine.admin().info("q").await().paused()).isTrue();

    f.engine.admin().resume("q").await();
    assertThat(f.engine.transitions().fetch("q", "w").await()).isInstanceOf(FetchOutcome.Fetched.class);
  }

  @Test
  void globalConcurrencyLimitHoldsAcrossWorkers(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    for (int i = 0; i < 4; i++) {
      submit(f, "q", JobOptions.DEFAULTS);
    }
    f.engine.admin().setLimits("q", new QueueLimits(2, null, null)).await();

    Lease a = fetch(f, "q", "w1");
    fetch(f, "q", "w2");
    assertThat(f.engine.transitions().fetch("q", "w3").await()).isEqualTo(new FetchOutcome.ConcurrencyLimited());

    f.engine.transitions().complete(a, "1", null).await();
    assertThat(f.engine.transitions().fetch("q", "w3").await()).isInstanceOf(FetchOutcome.Fetched.class);
  }

  @Test
  void rateLimitStartsAtMostNJobsPerWindow(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    for (int i = 0; i < 5; i++) {
      submit(f, "q", JobOptions.DEFAULTS);
    }
    f.engine.admin().setLimits("q", new QueueLimits(null, 2, 60_000L)).await();

    fetch(f, "q", "w1");
    fetch(f, "q", "w2");
    FetchOutcome limited = f.engine.transitions().fetch("q", "w3").await();

    assertThat(limited).isInstanceOf(FetchOutcome.RateLimited.class);
    assertThat(((FetchOutcome.RateLimited) limited).waitMs()).isBetween(1L, 60_000L);
    assertThat(f.zset("q", "waiting")).hasSize(3);
  }

  @Test
  void completeCanHandTheNextJobToTheSameWorkerInOneCall(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS);
    String second = submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w");

    FetchOutcome next = f.engine.transitions().complete(lease, "1", "w").await();

    assertThat(next).isInstanceOf(FetchOutcome.Fetched.class);
    Lease nextLease = ((FetchOutcome.Fetched) next).lease();
    assertThat(nextLease.jobId()).isEqualTo(second);
    assertThat(f.hget("q", second, "lease")).isEqualTo(nextLease.token());
  }

  @Test
  void progressIsStoredAndRefusedAfterTheLeaseIsLost(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w");

    f.engine.transitions().updateProgress(lease, "{\"pct\":50}").await();
    assertThat(f.hget("q", id, "progress")).isEqualTo("{\"pct\":50}");

    f.clock.advance(f.engine.settings().leaseMs() + 1);
    f.engine.recovery().recoverStalled("q", true).await();
    assertThatThrownBy(() -> f.engine.transitions().updateProgress(lease, "{\"pct\":60}").await())
        .isInstanceOf(LeaseMismatchException.class);
  }

  @Test
  void releaseHandsAnActiveJobBackToTheFrontWithoutCountingAnAttempt(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String first = submit(f, "q", JobOptions.DEFAULTS);
    String second = submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w");

    f.engine.transitions().release(lease).await();

    assertThat(f.zset("q", "waiting")).containsExactly(first, second);
    assertThat(f.zset("q", "active")).isEmpty();
    assertThat(f.hget("q", first, "ats")).isEqualTo("0");
    assertThat(f.hget("q", first, "state")).isEqualTo("waiting");
  }

  static Lease fetch(EngineFixture f, String queue, String worker) {
    FetchOutcome outcome = f.engine.transitions().fetch(queue, worker).await();
    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    return ((FetchOutcome.Fetched) outcome).lease();
  }
}
