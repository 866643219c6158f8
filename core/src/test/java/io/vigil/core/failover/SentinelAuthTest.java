package io.vigil.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.error.ScriptFailureException;
import io.vigil.core.job.JobState;
import io.vigil.core.probe.ProbeLoad;
import io.vigil.core.probe.ProbeReport;
import io.vigil.core.queue.Engine;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.SentinelSettings;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sentinels and data nodes with different passwords (the Vert.x Sentinel client cannot do that, upstream
 * #507), and least-privilege ACL users on both. The data-node user is the line the README documents: only
 * the commands Vigil sends or its scripts call, only keys under the queue prefix ({@code vf} here), and
 * only the channel the durable-write fence publishes to.
 */
@Tag("failover")
@SentinelSettings(downAfterMs = 1000, dataPassword = "data-password-0001", sentinelPassword = "sentinel-password-01",
    dataConfig = SentinelAuthTest.DATA_USER, sentinelConfig = SentinelAuthTest.SENTINEL_USER)
@ExtendWith({VertxExtension.class, RedisExtension.class})
class SentinelAuthTest {
  static final String DATA_USER = "user vigil on >vigil-password-0001 ~vf:* &vigil:wait-fence -@all"
      + " +eval +evalsha +publish +wait +role +blpop +ping +select +info +scan +time"
      + " +get +set +del +exists +incr +pttl +pexpire +rpush +llen +sadd +scard +sismember +smembers +unlink"
      + " +hget +hset +hdel +hmget +hgetall +hincrby +hexists"
      + " +zadd +zrem +zcard +zcount +zscore +zrange +zrangebyscore +zremrangebyrank +zpopmin"
      + " +xadd +xrange +xrevrange";
  static final String SENTINEL_USER = "user vigil-watch on >watch-password-0001 &* -@all"
      + " +sentinel|master +sentinel|replicas +subscribe +ping";

  private static RedisSettings settings(SentinelTopology topology, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return RedisSettings.fromEnv(env);
  }

  @Test
  void differentPasswordsForSentinelsAndDataNodesWorkThroughAFailover(Vertx vertx, SentinelTopology topology)
      throws Exception {
    ProbeReport report = runWithFailover(vertx, topology, "passwords", settings(topology,
        "REDIS_PASSWORD", "data-password-0001", "REDIS_SENTINEL_PASSWORD", "sentinel-password-01"));

    assertThat(report.lost()).isEmpty();
    assertThat(report.duplicateCompletions()).as("jobs completed twice").isZero();
  }

  @Test
  void leastPrivilegeAclUsersRunTheWholeEngineAndCannotDoAnythingElse(Vertx vertx, SentinelTopology topology)
      throws Exception {
    RedisSettings acl = settings(topology, "REDIS_USERNAME", "vigil", "REDIS_PASSWORD", "vigil-password-0001",
        "REDIS_SENTINEL_USERNAME", "vigil-watch", "REDIS_SENTINEL_PASSWORD", "watch-password-0001");

    ProbeReport report = runWithFailover(vertx, topology, "acl", acl);

    assertThat(report.lost()).isEmpty();
    assertThat(report.duplicateCompletions()).as("jobs completed twice").isZero();
    FailoverBroker broker = RedisConnector.connect(vertx, acl).await();
    try {
      Engine engine = Engine.create(broker, SentinelFailoverTest.engineSettings(), Clock.systemUTC(), true);
      assertThat(engine.admin().info("acl").await().counts().get(JobState.COMPLETED)).isEqualTo(report.completed());
      assertThat(engine.admin().list("acl", JobState.COMPLETED, 5, null).await().jobs()).hasSize(5);
      assertThat(engine.events().readAfter("acl", "0", 5).await()).hasSize(5);
      assertThat(engine.admin().listQueues().await()).contains("acl");
      for (List<String> forbidden : List.of(List.of("FLUSHALL"), List.of("CONFIG", "GET", "maxmemory"),
          List.of("KEYS", "*"), List.of("GET", "other:key"), List.of("SCRIPT", "FLUSH"), List.of("ACL", "LIST"))) {
        Request request = Request.cmd(Command.create(forbidden.get(0)));
        forbidden.stream().skip(1).forEach(request::arg);
        assertThatThrownBy(() -> broker.send(request).await()).as(forbidden.toString())
            .isInstanceOf(ScriptFailureException.class).hasMessageContaining("NOPERM");
      }
    } finally {
      broker.close().await();
    }
  }

  @Test
  void aWrongSentinelPasswordFailsClearlyEvenWhenTheDataPasswordIsRight(Vertx vertx, SentinelTopology topology) {
    RedisSettings wrong = settings(topology, "REDIS_PASSWORD", "data-password-0001", "REDIS_SENTINEL_PASSWORD", "data-password-0001");

    assertThatThrownBy(() -> RedisConnector.connect(vertx, wrong).await())
        .isInstanceOf(RedisUnavailableException.class)
        .hasMessageContaining("no Sentinel answered")
        .hasMessageContaining("WRONGPASS");
  }

  private static ProbeReport runWithFailover(Vertx vertx, SentinelTopology topology, String queue,
                                                RedisSettings settings) throws Exception {
    topology.awaitHealthy(Duration.ofSeconds(30));
    FailoverBroker broker = RedisConnector.connect(vertx, settings).await();
    Engine engine = Engine.create(broker, SentinelFailoverTest.engineSettings(), Clock.systemUTC(), true);
    FailoverReconciler.forAllQueues(engine).attachTo(broker);
    ProbeLoad load = new ProbeLoad(vertx, engine, queue, 100);
    try {
      load.start(4);
      // Load before and after the failover is the drill's traffic profile, not a wait for a state.
      Thread.sleep(1_000);
      long fault = System.currentTimeMillis();
      RedisNode old = topology.currentMaster();
      topology.failover();
      topology.awaitNewMaster(old, Duration.ofSeconds(30));
      Thread.sleep(1_500);
      load.stopProducing();
      ProbeReport report = load.drain(60_000, List.of(fault)).await();
      System.out.print(report.lines("auth." + queue));
      return report;
    } finally {
      load.stop().await();
      broker.close().await();
    }
  }
}
