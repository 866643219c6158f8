package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.NewJob;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job's payload is a field of its hash; a job enqueued before that (payload in {@code <job>:data}) is still
 * run with its payload and leaves no key behind.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class LegacyPayloadTest {

  @Test
  void aNewJobKeepsItsPayloadInItsHashAndOwnsOneKey(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{\"a\":1}")).await().id();

    assertThat(f.hget("q", id, "data")).isEqualTo("{\"a\":1}");
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).containsExactly(f.key("q", "job:" + id));
    Lease lease = ((FetchOutcome.Fetched) f.engine.transitions().fetch("q", "w").await()).lease();
    assertThat(lease.job().dataJson()).isEqualTo("{\"a\":1}");
    assertThat(f.engine.admin().getJob("q", id).await().dataJson()).isEqualTo("{\"a\":1}");
  }

  @Test
  void aJobWithItsPayloadInASeparateKeyRunsWithItAndLeavesNoKeyBehind(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = "legacy-1";
    redis.command("HSET", f.key("q", "job:" + id), "name", "echo", "state", "waiting", "created", "1", "prio", "0",
        "roc", "0");
    redis.command("SET", f.key("q", "job:" + id + ":data"), "{\"old\":true}");
    redis.command("ZADD", f.key("q", "waiting"), "1", id);

    assertThat(f.engine.admin().getJob("q", id).await().dataJson()).isEqualTo("{\"old\":true}");
    Lease lease = ((FetchOutcome.Fetched) f.engine.transitions().fetch("q", "w").await()).lease();
    assertThat(lease.job().dataJson()).isEqualTo("{\"old\":true}");
    f.engine.transitions().complete(lease, "null", null).await();

    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).isEmpty();
  }
}
