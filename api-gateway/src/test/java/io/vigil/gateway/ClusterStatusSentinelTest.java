package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.SentinelTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /cluster over the Sentinel-aware broker: what the dashboard's Redis panel shows. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ClusterStatusSentinelTest {

  @Test
  void clusterStatusShowsTheMasterItsReplicasAndTheSentinels(Vertx vertx, SentinelTopology topology) {
    RedisSettings settings = RedisSettings.fromEnv(Map.of("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()),
        "REDIS_MASTER_NAME", topology.masterName(), "REDIS_MIN_REPLICA_ACKS", "0"));
    FailoverBroker broker = RedisConnector.connect(vertx, settings).await();
    GatewayFixture f = GatewayFixture.start(vertx, topology.currentMaster(), broker, List.of());

    JsonObject c = f.get("/api/v1/cluster", READ).bodyAsJsonObject();
    System.out.println("cluster status: " + c.encode());

    assertThat(c.getString("mode")).isEqualTo("sentinel");
    assertThat(c.getJsonObject("master").getString("address"))
        .isEqualTo(topology.currentMaster().host() + ":" + topology.currentMaster().port());
    assertThat(c.getJsonObject("master").getString("role")).isEqualTo("master");
    assertThat(c.getJsonArray("replicas")).hasSize(2);
    for (Object replica : c.getJsonArray("replicas")) {
      assertThat(((JsonObject) replica).getString("state")).isEqualTo("online");
      assertThat(((JsonObject) replica).getLong("lagBytes")).isNotNegative();
    }
    assertThat(c.getJsonObject("sentinels").getInteger("configured")).isEqualTo(3);
    assertThat(c.getJsonObject("sentinels").getInteger("majority")).isEqualTo(2);
    assertThat(c.getJsonObject("sentinels").getInteger("quorum")).isEqualTo(2);
    assertThat(c.getJsonObject("sentinels").getInteger("answering")).isGreaterThanOrEqualTo(2);
    assertThat(c.getJsonObject("failovers").getLong("seen")).isZero();
    assertThat(c.getJsonObject("failovers").getLong("recorded")).isZero();
    assertThat(c.getJsonObject("failovers").getValue("lastAt")).isNull();
    broker.close().await();
  }
}
