package io.vigil.core.queue;

import static io.vigil.core.queue.EnqueueTest.submit;
import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.Retention;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A finish the broker retried after its first try was applied (reply lost at a failover) must read as
 * done, not as a lost lease, also when retention removed the job at once.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class RetriedFinishTest {

  @Test
  void aRetriedCompleteOfAJobRemovedAtOnceIsDone(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0)));
    Lease lease = fetch(f, "q", "w1");
    f.engine.transitions().complete(lease, "1", null).await();

    FetchOutcome retried = f.engine.transitions().complete(lease, "1", null).await();

    assertThat(retried).isNull();
    assertThat(f.dbSize()).isEqualTo(f.keys("vt:*").size());
    assertThat(f.keys("vt:{q}:job:*")).isEmpty();
  }

  @Test
  void aRetriedFailOfAJobRemovedAtOnceIsFailed(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.fromJson(new JsonObject().put("removeOnFail", true)));
    Lease lease = fetch(f, "q", "w1");
    f.engine.transitions().fail(lease, "boom", -1, null).await();

    FailResult retried = f.engine.transitions().fail(lease, "boom", -1, null).await();

    assertThat(retried).isEqualTo(new FailResult(FailOutcome.FAILED, null));
  }

  @Test
  void aJobKeptAfterCompletionAnswersARetryAsDone(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w1");
    f.engine.transitions().complete(lease, "1", null).await();

    assertThat(f.engine.transitions().complete(lease, "1", null).await()).isNull();
  }

  @Test
  void aStaleLeaseIsStillRefusedWhenTheJobIsKept(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS);
    Lease first = fetch(f, "q", "w1");
    f.clock.advance(f.engine.settings().leaseMs() + 1);
    f.engine.recovery().recoverStalled("q", true).await();
    fetch(f, "q", "w2");

    assertThatThrownBy(() -> f.engine.transitions().complete(first, "1", null).await())
        .isInstanceOf(LeaseMismatchException.class);
  }

  @Test
  void aMissingJobIsStillNotFoundWhenRetentionKeepsJobs(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w1");
    redis.command("DEL", f.key("q", "job:" + id));

    assertThatThrownBy(() -> f.engine.transitions().complete(lease, "1", null).await())
        .isInstanceOf(JobNotFoundException.class);
  }
}
