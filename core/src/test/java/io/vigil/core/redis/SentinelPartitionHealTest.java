package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.SentinelSettings;
import io.vigil.testkit.TcpProxy;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker cut off from every Sentinel (a black-holed proxy in front of each) while they fail the master over.
 * When the network heals, the connections that were open during the cut stay silent, as real TCP connections do
 * until their next retransmission; the broker must follow the switch through new connections all the same.
 */
@SentinelSettings(downAfterMs = 1000)
@ExtendWith({VertxExtension.class, RedisExtension.class})
class SentinelPartitionHealTest {

  @Test
  void aBrokerCutOffFromTheSentinelsDuringAFailoverFollowsTheSwitchOnceTheyAnswerAgain(Vertx vertx,
                                                                                      SentinelTopology topology) {
    topology.awaitHealthy(Duration.ofSeconds(30));
    List<TcpProxy> proxies = topology.sentinels().stream().map(s -> TcpProxy.start(s.host(), s.port())).toList();
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(Map.of(
        "REDIS_SENTINELS", proxies.stream().map(p -> p.host() + ":" + p.port()).collect(Collectors.joining(",")),
        "REDIS_MASTER_NAME", topology.masterName()))).await();
    try {
      RedisNode old = topology.currentMaster();
      assertThat(broker.status().master().toString()).isEqualTo(old.address());

      proxies.forEach(TcpProxy::blackHole);
      // Refreshes during the cut leave their queries unanswered, and the subscriptions miss the switch.
      await("a refresh to fail").atMost(Duration.ofSeconds(10)).until(() -> broker.status().lastRefreshError() != null);
      topology.failover();
      RedisNode next = topology.awaitNewMaster(old, Duration.ofSeconds(30));
      long healedAt = System.nanoTime();
      proxies.forEach(TcpProxy::healNewConnectionsOnly);

      await("the broker to follow the switch").atMost(Duration.ofSeconds(10))
          .until(() -> broker.status().master().toString().equals(next.address()));
      System.out.println("redis.partition_heal.switch_after_heal " + (System.nanoTime() - healedAt) / 1_000_000 + " ms");
      broker.send(Request.cmd(Command.SET).arg("healed").arg("yes")).await();
      assertThat(next.command("GET", "healed")).isEqualTo("yes");
    } finally {
      broker.close().await();
      proxies.forEach(TcpProxy::close);
    }
  }
}
