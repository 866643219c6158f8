package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Submitted;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.script.Script;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.SentinelSettings;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The failover broker against a real master + 2 replicas + 3 Sentinels. */
@SentinelSettings(downAfterMs = 1000)
@ExtendWith({VertxExtension.class, RedisExtension.class})
class FailoverBrokerTest {

  static Map<String, String> env(SentinelTopology topology, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static FailoverBroker connect(Vertx vertx, SentinelTopology topology, String... pairs) {
    topology.awaitHealthy(Duration.ofSeconds(30));
    return RedisConnector.connect(vertx, RedisSettings.fromEnv(env(topology, pairs))).await();
  }

  @Test
  void durableWritesWaitForEveryHealthyReplicaTheSentinelsReport(Vertx vertx, SentinelTopology topology) {
    FailoverBroker broker = connect(vertx, topology);
    try {
      Engine engine = Engine.create(broker, EngineSettings.defaults("vb"), Clock.systemUTC(), true);

      engine.enqueuer().enqueue("durable", NewJob.of("n", "{}").withId("d-1")).await();

      assertThat(broker.status().replicaAcks()).isEqualTo(2);
      assertThat(broker.status().master().toString()).isEqualTo(topology.currentMaster().address());
      // WAIT 2 answered: both replicas hold the job the moment the call returns.
      for (RedisNode node : topology.dataNodes()) {
        assertThat(node.command("EXISTS", "vb:{durable}:job:d-1")).as(node.toString()).isEqualTo(1L);
      }
    } finally {
      broker.close().await();
    }
  }

  @Test
  void scriptsAreSentAgainAfterTheMastersScriptCacheWasEmptied(Vertx vertx, SentinelTopology topology) {
    FailoverBroker broker = connect(vertx, topology);
    try {
      Engine engine = Engine.create(broker, EngineSettings.defaults("vb"), Clock.systemUTC(), true);
      engine.enqueuer().enqueue("cache", NewJob.of("n", "{}")).await();

      RedisNode master = topology.currentMaster();
      master.command("SCRIPT", "FLUSH");
      Submitted durable = engine.enqueuer().enqueue("cache", NewJob.of("n", "{}")).await();
      Object cachedAfterDurable = master.command("SCRIPT", "EXISTS", Script.ENQUEUE.sha1());
      master.command("SCRIPT", "FLUSH");
      Object fetched = engine.transitions().fetch("cache", "w1").await();

      assertThat(durable.created()).isTrue();
      assertThat(cachedAfterDurable).isEqualTo(List.of(1L));
      assertThat(fetched).isInstanceOf(io.vigil.core.queue.FetchOutcome.Fetched.class);
    } finally {
      broker.close().await();
    }
  }

  @Test
  void missingReplicaAcksFailAsNotDurableAndARetryWithTheSameIdCreatesNoSecondJob(Vertx vertx, SentinelTopology topology) {
    // Three acks from two replicas can never be met.
    FailoverBroker strict = connect(vertx, topology, "REDIS_MIN_REPLICA_ACKS", "3", "REDIS_REPLICA_ACK_TIMEOUT", "100",
        "REDIS_COMMAND_TIMEOUT", "800");
    FailoverBroker auto = connect(vertx, topology);
    try {
      Engine strictEngine = Engine.create(strict, EngineSettings.defaults("vb"), Clock.systemUTC(), true);
      Engine engine = Engine.create(auto, EngineSettings.defaults("vb"), Clock.systemUTC(), true);
      NewJob job = NewJob.of("n", "{}").withId("same-id");

      assertThatThrownBy(() -> strictEngine.enqueuer().enqueue("nd", job).await()).isInstanceOf(NotDurableException.class)
          .hasMessageContaining("of 3 replicas");
      assertThatThrownBy(() -> strictEngine.enqueuer().enqueue("nd", job).await()).isInstanceOf(NotDurableException.class);
      Submitted retried = engine.enqueuer().enqueue("nd", job).await();

      assertThat(retried).isEqualTo(new Submitted("same-id", false, false));
      assertThat(topology.currentMaster().command("ZRANGE", "vb:{nd}:waiting", "0", "-1")).isEqualTo(List.of("same-id"));
    } finally {
      strict.close().await();
      auto.close().await();
    }
  }

  @Test
  void aSwitchWakesBlockedWaitsTellsListenersAndMovesEveryCallToTheNewMaster(Vertx vertx, SentinelTopology topology)
      throws Exception {
    FailoverBroker broker = connect(vertx, topology);
    try {
      CompletableFuture<MasterChange> change = new CompletableFuture<>();
      broker.onMasterChanged(change::complete);
      BlockingChannel channel = broker.openBlockingChannel().await();
      RedisNode old = topology.currentMaster();
      long start = System.currentTimeMillis();
      Future<String> blocked = channel.popMarker("vb:{switch}:marker", 60_000);

      topology.failover();
      RedisNode promoted = topology.awaitNewMaster(old, Duration.ofSeconds(30));
      String woken = blocked.await(20, TimeUnit.SECONDS);
      long wokenAfter = System.currentTimeMillis() - start;
      MasterChange seen = change.get(20, TimeUnit.SECONDS);
      broker.send(Request.cmd(Command.SET).arg("vb:after-switch").arg("1")).await();
      promoted.command("RPUSH", "vb:{switch}:marker", "m");
      String marker = channel.popMarker("vb:{switch}:marker", 5_000).await();

      System.out.println("broker.blocked_wait_woken_after_manual_failover " + wokenAfter + " ms");
      assertThat(woken).isNull();
      assertThat(seen.from().toString()).isEqualTo(old.address());
      assertThat(seen.to().toString()).isEqualTo(promoted.address());
      assertThat(broker.status().master().toString()).isEqualTo(promoted.address());
      assertThat(promoted.command("GET", "vb:after-switch")).isEqualTo("1");
      assertThat(marker).isEqualTo("m");
      channel.close().await();
    } finally {
      broker.close().await();
    }
  }

  @Test
  void connectingFailsClearlyWhenNoSentinelAnswers(Vertx vertx) {
    RedisSettings settings = RedisSettings.fromEnv(Map.of("REDIS_SENTINELS", "127.0.0.1:1,127.0.0.1:2",
        "REDIS_CONNECT_TIMEOUT", "500"));

    assertThatThrownBy(() -> RedisConnector.connect(vertx, settings).await())
        .isInstanceOf(RedisUnavailableException.class)
        .hasMessageContaining("no Sentinel answered for master 'mymaster'")
        .hasMessageContaining("127.0.0.1:1");
  }
}
