package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class HealthAndMetricsTest {

  @Test
  void metricsShowVertxHttpMetersAndSubmissionsPerQueue(RedisNode redis) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx metered = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).addLabels(Label.HTTP_ROUTE)))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
    try {
      GatewayFixture f = GatewayFixture.start(metered, redis, registry);
      f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "m1"));
      f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "m1"));
      f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", 1));

      HttpResponse<Buffer> r = f.get("/metrics", GatewayFixture.READ);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsString())
          .contains("vertx_http_server_requests_total")
          .contains("vigil_jobs_submitted_total{outcome=\"created\",queue=\"q\"} 1.0")
          .contains("vigil_jobs_submitted_total{outcome=\"existing\",queue=\"q\"} 1.0")
          .contains("vigil_gateway_refusals_total{code=\"INVALID_REQUEST\"} 1.0")
          .contains("vigil_gateway_sse_streams");
    } finally {
      metered.close().await();
    }
  }

  @Test
  void readinessRunsTheMasterScriptAndEveryInjectedCheck(Vertx vertx, RedisNode redis) {
    boolean[] quorum = {true};
    ReadinessCheck sentinel = ReadinessCheck.of("sentinel-quorum",
        () -> quorum[0] ? Future.succeededFuture() : Future.failedFuture("NOQUORUM 1 usable Sentinels"));
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of(), EngineSettings.defaults(GatewayFixture.PREFIX),
        GatewayFixture.redisSettings(redis), List.of(sentinel));

    HttpResponse<Buffer> ready = f.get("/health/ready", GatewayFixture.READ);
    quorum[0] = false;
    HttpResponse<Buffer> noQuorum = f.get("/health/ready", GatewayFixture.READ);

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsString()).contains("redis-master-script").contains("sentinel-quorum");
    assertThat(noQuorum.statusCode()).isEqualTo(503);
    assertThat(noQuorum.getHeader("Retry-After")).isEqualTo("1");
    // The check's own failure text stays in the log; the body shows the check and a fixed refusal.
    assertThat(noQuorum.bodyAsString()).contains("sentinel-quorum").doesNotContain("NOQUORUM");
    assertThat(f.get("/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aReplicaIsNotReadyBecauseTheWriteCapableScriptIsRefused(Vertx vertx, RedisNode master) {
    try (RedisNode replica = TestTopologies.server(RedisServerConfig.named("HealthAndMetricsTest-replica"))) {
      GatewayFixture f = GatewayFixture.start(vertx, replica);
      replica.command("REPLICAOF", master.host(), Integer.toString(master.port()));

      HttpResponse<Buffer> r = f.get("/health/ready", GatewayFixture.READ);

      System.out.printf("readiness on a replica: %d %s%n", r.statusCode(), r.bodyAsString());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.bodyAsString()).contains("redis-master-script");
    }
  }
}
