package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.FreePorts;
import io.vigil.topology.RedisNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What anonymous callers learn: UP or DOWN, from a cached result; no check names, hosts, queues or counts. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class PublicEndpointsTest {
  private static final String METRICS_TOKEN = "metrics-scraper-token-01";

  /** A check that fails the way a demoted master does, naming its address; counts its runs. */
  private static ReadinessCheck replicaCheck(AtomicInteger runs) {
    return ReadinessCheck.of("sentinel-quorum", () -> {
      runs.incrementAndGet();
      return Future.failedFuture("READONLY You can't write against a read only replica. 10.9.8.7:6379");
    });
  }

  private static GatewayFixture start(Vertx vertx, RedisNode redis, Map<String, String> env, ReadinessCheck check) {
    return GatewayFixture.start(vertx, redis, env, EngineSettings.defaults(GatewayFixture.PREFIX),
        GatewayFixture.redisSettings(redis), check == null ? List.of() : List.of(check));
  }

  @Test
  void anonymousReadinessSaysDownOnlyAndTheReadRoleSeesWhichCheckWithoutHosts(Vertx vertx, RedisNode redis) {
    GatewayFixture f = start(vertx, redis, Map.of(), replicaCheck(new AtomicInteger()));

    HttpResponse<Buffer> anonymous = f.get("/health/ready", null);
    HttpResponse<Buffer> reader = f.get("/health/ready", READ);

    assertThat(anonymous.statusCode()).isEqualTo(503);
    assertThat(anonymous.getHeader("Retry-After")).isEqualTo("1");
    assertThat(anonymous.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DOWN"));
    assertThat(reader.statusCode()).isEqualTo(503);
    assertThat(reader.bodyAsString()).contains("sentinel-quorum").contains("redis-master-script")
        .doesNotContain("10.9.8.7").doesNotContain("READONLY");
    assertThat(f.get("/health/live", null).bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void anonymousProbesShareOneCheckRunPerSecond(Vertx vertx, RedisNode redis) {
    AtomicInteger runs = new AtomicInteger();
    GatewayFixture f = start(vertx, redis, Map.of("VIGIL_GATEWAY_INSTANCES", "1"), replicaCheck(runs));

    long start = System.nanoTime();
    int calls = 60;
    for (int i = 0; i < calls; i++) {
      assertThat(f.get("/health/ready", null).statusCode()).isEqualTo(503);
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    int anonymousRuns = runs.get();
    f.get("/health/ready", READ);

    System.out.printf("readiness: %d anonymous calls in %d ms ran the checks %d times%n", calls, elapsedMs,
        anonymousRuns);
    // One run per cache period (each period can start one run), never one per call.
    assertThat(anonymousRuns).isLessThanOrEqualTo((int) (elapsedMs / 1000) + 1).isLessThan(calls);
    assertThat(runs.get()).isEqualTo(anonymousRuns + 1);
  }

  @Test
  void metricsNeedTheMetricsTokenWhenOneIsSet(Vertx vertx, RedisNode redis) {
    GatewayFixture f = start(vertx, redis, Map.of("VIGIL_METRICS_TOKEN", METRICS_TOKEN), null);
    f.post("/api/v1/queues/secret-queue-name/jobs", GatewayFixture.SUBMIT, new JsonObject().put("name", "n"));

    HttpResponse<Buffer> anonymous = f.get("/metrics", null);
    HttpResponse<Buffer> reader = f.get("/metrics", READ);
    HttpResponse<Buffer> scraper = f.get("/metrics", METRICS_TOKEN);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(anonymous.bodyAsString()).doesNotContain("secret-queue-name");
    assertThat(reader.statusCode()).isEqualTo(401);
    assertThat(scraper.statusCode()).isEqualTo(200);
    assertThat(scraper.bodyAsString()).contains("secret-queue-name");
  }

  @Test
  void metricsOnTheirOwnPortLeaveTheApiPort(Vertx vertx, RedisNode redis) {
    int metricsPort = FreePorts.next();
    GatewayFixture f = start(vertx, redis, Map.of("VIGIL_METRICS_PORT", Integer.toString(metricsPort)), null);
    f.post("/api/v1/queues/q/jobs", GatewayFixture.SUBMIT, new JsonObject().put("name", "n"));

    HttpResponse<Buffer> onApiPort = f.get("/metrics", READ);
    HttpResponse<Buffer> onOwnPort = f.client.get(metricsPort, "127.0.0.1", "/metrics").send().await();

    assertThat(onApiPort.statusCode()).isEqualTo(404);
    assertThat(onOwnPort.statusCode()).isEqualTo(200);
    assertThat(onOwnPort.bodyAsString()).contains("vigil_jobs_submitted_total");
  }
}
