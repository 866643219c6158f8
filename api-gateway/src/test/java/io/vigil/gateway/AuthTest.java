package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class AuthTest {
  private static final JsonObject JOB = new JsonObject().put("name", "echo");

  @Test
  void missingMalformedOrUnknownTokensAre401WithABearerChallenge(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    HttpResponse<Buffer> none = f.get("/api/v1/queues", null);
    HttpResponse<Buffer> wrong = f.get("/api/v1/queues", "not-a-known-token-at-all");
    HttpResponse<Buffer> basic = f.send(HttpMethod.GET, "/api/v1/queues", null,
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic " + READ), null);

    for (HttpResponse<Buffer> r : new HttpResponse[] {none, wrong, basic}) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHORIZED");
      assertThat(r.bodyAsString()).doesNotContain(READ);
    }
  }

  @Test
  void eachRoleReachesItsOperationsAndIs403Above(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    long keys = f.dbSize();

    assertThat(f.get("/api/v1/queues", READ).statusCode()).isEqualTo(200);
    assertThat(f.post("/api/v1/queues/q/jobs", READ, JOB).statusCode()).isEqualTo(403);
    assertThat(f.post("/api/v1/queues/q/pause", READ, null).statusCode()).isEqualTo(403);
    assertThat(f.dbSize()).isEqualTo(keys);

    assertThat(f.get("/api/v1/queues", SUBMIT).statusCode()).isEqualTo(200);
    assertThat(f.post("/api/v1/queues/q/jobs", SUBMIT, JOB).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> pause = f.post("/api/v1/queues/q/pause", SUBMIT, null);
    assertThat(pause.statusCode()).isEqualTo(403);
    assertThat(pause.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
    assertThat(f.send(HttpMethod.DELETE, "/api/v1/queues/q/jobs/x", SUBMIT, null).statusCode()).isEqualTo(403);

    assertThat(f.post("/api/v1/queues/q/pause", ADMIN, null).statusCode()).isEqualTo(200);
    assertThat(f.post("/api/v1/queues/q/jobs", ADMIN, JOB).statusCode()).isEqualTo(201);
  }

  @Test
  void healthAndTheContractNeedNoTokenButMetricsNeedTheReadRole(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    assertThat(f.get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(f.get("/health/ready", null).statusCode()).isEqualTo(200);
    assertThat(f.get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(f.get("/metrics", READ).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> contract = f.get("/openapi.yaml", null);
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.bodyAsString()).startsWith("openapi: 3.1.0");
  }

  @Test
  void anInsecureGatewayWithoutTokensLetsEveryoneActAsAdmin(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_API_TOKENS", "", "VIGIL_INSECURE", "true"),
        EngineSettings.defaults(GatewayFixture.PREFIX));

    assertThat(f.post("/api/v1/queues/q/jobs", null, JOB).statusCode()).isEqualTo(201);
    assertThat(f.post("/api/v1/queues/q/pause", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void anInsecureGatewayListensOnLoopbackOnlyAndASecureOneOnEveryInterface(Vertx vertx, RedisNode redis) {
    GatewayFixture insecure = GatewayFixture.start(vertx, redis, Map.of("VIGIL_API_TOKENS", "",
        "VIGIL_INSECURE", "true"), EngineSettings.defaults(GatewayFixture.PREFIX));
    GatewayFixture secure = GatewayFixture.start(vertx, redis);

    // 127.0.0.2 is this host too (127/8 is loopback) but not 127.0.0.1: a wildcard bind accepts there.
    assertThat(accepts("127.0.0.2", insecure.port)).isFalse();
    assertThat(accepts("127.0.0.1", insecure.port)).isTrue();
    assertThat(accepts("127.0.0.2", secure.port)).isTrue();
  }

  @Test
  void aTokenEntryWithAnUnknownRoleIsRefusedWithoutEchoingTheValue() {
    String swapped = "ci:submit:" + "s3cret-token-value-123456";

    assertThatThrownBy(() -> io.vigil.gateway.auth.ApiToken.parseList(swapped))
        .isInstanceOf(io.vigil.settings.SettingsException.class)
        .hasMessageStartingWith("VIGIL_API_TOKENS: token 'ci' has an unknown role")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void queuePatternsAreAnOptionalFourthFieldAndABadOneIsRefusedWithoutEchoingTheToken() {
    List<io.vigil.gateway.auth.ApiToken> tokens = io.vigil.gateway.auth.ApiToken.parseList(
        "ci:ci-token-value-0000001:submit:reports-*|mail,ops:ops-token-value-000001:admin");

    assertThat(tokens.get(0).queues().allows("reports-eu")).isTrue();
    assertThat(tokens.get(0).queues().allows("mail")).isTrue();
    assertThat(tokens.get(0).queues().allows("mail2")).isFalse();
    assertThat(tokens.get(0).queues().allows("billing")).isFalse();
    assertThat(tokens.get(1).queues().allows("billing")).isTrue();
    assertThat(tokens.get(0).toString()).contains("queues=reports-*|mail").doesNotContain("ci-token");
    for (String bad : List.of("ci:s3cret-token-value-123456:submit:", "ci:s3cret-token-value-123456:submit:a|",
        "ci:s3cret-token-value-123456:submit:a{b}", "ci:s3cret-token-value-123456:submit:a:b")) {
      assertThatThrownBy(() -> io.vigil.gateway.auth.ApiToken.parseList(bad)).as(bad)
          .isInstanceOf(io.vigil.settings.SettingsException.class)
          .hasMessageStartingWith("VIGIL_API_TOKENS: ")
          .hasMessageNotContaining("s3cret");
    }
  }

  private static boolean accepts(String host, int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(host, port), 2_000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
