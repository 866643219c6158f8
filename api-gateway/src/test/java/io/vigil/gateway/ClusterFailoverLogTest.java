package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.failover.FailoverReconciler;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The failover log behind GET /cluster: one entry per new master in Redis, the same on every gateway. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ClusterFailoverLogTest {

  @Test
  void aFailoverIsRecordedOnceInRedisAndShownByEveryGateway(Vertx vertx, SentinelTopology topology) {
    RedisSettings settings = RedisSettings.fromEnv(Map.of("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()),
        "REDIS_MASTER_NAME", topology.masterName(), "REDIS_MIN_REPLICA_ACKS", "0"));
    FailoverBroker first = RedisConnector.connect(vertx, settings).await();
    FailoverBroker second = RedisConnector.connect(vertx, settings).await();
    GatewayFixture a = GatewayFixture.start(vertx, topology.currentMaster(), first, List.of());
    GatewayFixture b = GatewayFixture.start(vertx, topology.currentMaster(), second, List.of());
    // Two nodes race for the reconciliation pass, as every role does after a switch.
    FailoverReconciler.forAllQueues(a.engine).attachTo(first);
    FailoverReconciler.forAllQueues(b.engine).attachTo(second);
    long before = System.currentTimeMillis();

    RedisNode old = topology.currentMaster();
    topology.failover();
    topology.awaitNewMaster(old, Duration.ofSeconds(30));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonObject failovers = a.get("/api/v1/cluster", READ).bodyAsJsonObject().getJsonObject("failovers");
      assertThat(failovers.getLong("recorded")).isEqualTo(1);
      assertThat(failovers.getLong("lastAt")).isBetween(before, System.currentTimeMillis() + 1000);
      assertThat(failovers.getLong("seen")).isEqualTo(1);
    });
    JsonObject seenByB = b.get("/api/v1/cluster", READ).bodyAsJsonObject();
    System.out.println("cluster status after a failover: " + seenByB.encode());
    assertThat(seenByB.getJsonObject("failovers").getLong("recorded")).isEqualTo(1);
    assertThat(seenByB.getJsonObject("master").getString("address")).isNotEqualTo(old.host() + ":" + old.port());
    first.close().await();
    second.close().await();
  }
}
