package io.vigil.core.queue;

import static io.vigil.core.queue.EnqueueTest.submit;
import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Response;
import io.vigil.core.job.JobOptions;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.script.Script;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A call whose reply was lost is sent again with the same arguments; it must not hand out a second job. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class RetriedFetchTest {

  @Test
  void fetchRetriedWithTheSameTokenReturnsTheSameJobInsteadOfLeasingASecond(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String first = submit(f, "q", JobOptions.DEFAULTS);
    String second = submit(f, "q", JobOptions.DEFAULTS);
    QueueKeys k = new QueueKeys(EngineFixture.PREFIX, "q");
    List<String> args = List.of(k.jobPrefix(), Long.toString(f.clock.offsetMs()), "token-1", "30000", "w", "100", "100",
        k.leasePrefix());

    Response once = f.broker.eval(Script.FETCH, k.scriptKeys(), args).await();
    Response again = f.broker.eval(Script.FETCH, k.scriptKeys(), args).await();

    assertThat(once.get(1).toString()).isEqualTo(first);
    assertThat(again.get(1).toString()).isEqualTo(first);
    assertThat(f.zset("q", "active")).containsExactly(first);
    assertThat(f.zset("q", "waiting")).containsExactly(second);
    assertThat(f.hget("q", first, "ats")).isEqualTo("1");
  }

  @Test
  void completeWithFetchNextRetriedAfterItAppliedHandsBackTheSameNextJob(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "q", JobOptions.DEFAULTS.withRemoveOnComplete(new io.vigil.core.job.Retention(0, 0)));
    String next = submit(f, "q", JobOptions.DEFAULTS);
    String last = submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = fetch(f, "q", "w");
    QueueKeys k = new QueueKeys(EngineFixture.PREFIX, "q");
    List<String> args = List.of(k.jobPrefix(), lease.jobId(), lease.token(), Long.toString(f.clock.offsetMs()), "1",
        "100", "0", "100", "1", "next-token", "30000", "w", "100", k.leasePrefix());

    Response once = f.broker.eval(Script.COMPLETE, k.scriptKeys(), args).await();
    Response again = f.broker.eval(Script.COMPLETE, k.scriptKeys(), args).await();

    assertThat(once.get(1).get(1).toString()).isEqualTo(next);
    assertThat(again.get(0).toLong()).isEqualTo(1);
    assertThat(again.get(1).get(1).toString()).isEqualTo(next);
    assertThat(f.zset("q", "active")).containsExactly(next);
    assertThat(f.zset("q", "waiting")).containsExactly(last);
  }
}
