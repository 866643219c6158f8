package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway over the Sentinel-aware broker: readiness follows the Sentinel majority. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class SentinelReadinessTest {

  @Test
  void readinessDropsWhenMostSentinelsAreGoneAndReturnsWithThem(Vertx vertx, SentinelTopology topology) {
    RedisSettings settings = RedisSettings.fromEnv(Map.of("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()),
        "REDIS_MASTER_NAME", topology.masterName(), "REDIS_MIN_REPLICA_ACKS", "0"));
    FailoverBroker broker = RedisConnector.connect(vertx, settings).await();
    GatewayFixture f = GatewayFixture.start(vertx, topology.currentMaster(), broker,
        List.of(ReadinessCheck.sentinelQuorum(broker::status)));
    assertThat(f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n")).statusCode()).isEqualTo(201);
    assertThat(f.get("/health/ready", null).statusCode()).isEqualTo(200);

    List<RedisNode> sentinels = topology.sentinels();
    sentinels.get(0).stop();
    sentinels.get(1).stop();
    await("readiness to drop").atMost(Duration.ofSeconds(10)).until(() -> f.get("/health/ready", null).statusCode() == 503);
    String body = f.get("/health/ready", GatewayFixture.READ).bodyAsString();
    sentinels.get(0).restart();
    sentinels.get(1).restart();
    await("readiness to return").atMost(Duration.ofSeconds(10)).until(() -> f.get("/health/ready", null).statusCode() == 200);

    System.out.printf("readiness without a Sentinel majority: %s%n", body);
    assertThat(body).contains("sentinel-quorum").contains("no majority");
    assertThat(f.get("/health/live", null).statusCode()).isEqualTo(200);
    broker.close().await();
  }
}
