package io.vigil.core.queue;

import static io.vigil.core.queue.EnqueueTest.submit;
import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class StalledRecoveryTest {

  @Test
  void jobOfAVanishedWorkerGoesBackToWaitingWithOneStallThenFailsOnTheNext(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS);
    fetch(f, "q", "vanished-1");
    // Redis TIME keeps running under the test, so "just before expiry" leaves a second for the calls.
    f.clock.advance(f.engine.settings().leaseMs() - 1_000);
    assertThat(f.engine.recovery().recoverStalled("q", true).await()).isEqualTo(new StalledReport(true, 0, 0));

    f.clock.advance(1_000);
    assertThat(f.engine.recovery().recoverStalled("q", true).await()).isEqualTo(new StalledReport(true, 1, 0));
    Job requeued = f.engine.admin().getJob("q", id).await();
    assertThat(requeued.state()).isEqualTo(JobState.WAITING);
    assertThat(requeued.stalls()).isEqualTo(1);
    assertThat(f.zset("q", "waiting")).containsExactly(id);
    assertThat(f.zset("q", "active")).isEmpty();

    fetch(f, "q", "vanished-2");
    f.clock.advance(f.engine.settings().leaseMs() + 1);
    assertThat(f.engine.recovery().recoverStalled("q", true).await()).isEqualTo(new StalledReport(true, 0, 1));
    Job failed = f.engine.admin().getJob("q", id).await();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.failedReason()).isEqualTo("stalled");
    assertThat(f.zset("q", "failed")).containsExactly(id);
    assertThat(f.engine.events().readAfter("q", "0", 20).await()).extracting(e -> e.event())
        .containsExactly("added", "active", "stalled", "active", "failed");
  }

  @Test
  void stalledCheckRunsOncePerIntervalWhicheverWorkerGetsThereFirst(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS);
    submit(f, "q", JobOptions.DEFAULTS);
    fetch(f, "q", "w1");
    fetch(f, "q", "w2");
    f.clock.advance(f.engine.settings().leaseMs() + 1);

    StalledReport first = f.engine.recovery().recoverStalled("q", false).await();
    StalledReport second = f.engine.recovery().recoverStalled("q", false).await();

    assertThat(first).isEqualTo(new StalledReport(true, 2, 0));
    assertThat(second.ran()).isFalse();
    assertThat(f.zset("q", "waiting")).hasSize(2);
  }

  @Test
  void reconcileRefilesJobsThatSitInNoStateStructureAndDropsDanglingIds(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String orphanWaiting = submit(f, "q", JobOptions.DEFAULTS);
    String orphanActive = submit(f, "q", JobOptions.DEFAULTS);
    String healthy = submit(f, "q", JobOptions.DEFAULTS);
    fetch(f, "q", "w");
    fetch(f, "q", "w");
    // Simulate what a failover can leave behind: hashes outside their structure, ids without hashes.
    redis.command("ZREM", f.key("q", "active"), orphanWaiting);
    redis.command("HSET", f.key("q", "job:" + orphanWaiting), "state", "waiting");
    redis.command("ZREM", f.key("q", "active"), orphanActive);
    redis.command("ZADD", f.key("q", "waiting"), "1", "ghost");

    ReconcileReport report = f.engine.recovery().reconcile(List.of("q")).await();

    assertThat(report).isEqualTo(new ReconcileReport(0, 2, 1));
    assertThat(f.zset("q", "waiting")).containsExactlyInAnyOrder(orphanWaiting, orphanActive, healthy);
    assertThat(f.hget("q", orphanActive, "state")).isEqualTo("waiting");
    assertThat(f.zset("q", "active")).isEmpty();
  }
}
