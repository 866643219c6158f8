package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.QueuePolicy;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class QueueDeclarationApiTest {
  private static final String SCOPED = "scoped-token-000000001";
  private static final JsonObject JOB = new JsonObject().put("name", "echo").put("data", 1);

  private static GatewayFixture gateway(Vertx vertx, RedisNode redis, boolean declaredOnly, int maxQueues) {
    return GatewayFixture.start(vertx, redis,
        Map.of("VIGIL_API_TOKENS", GatewayFixture.TOKENS + ",scoped:" + SCOPED + ":submit:reports-*|mail"),
        EngineSettings.defaults(GatewayFixture.PREFIX).withQueues(new QueuePolicy(declaredOnly, maxQueues, List.of())));
  }

  @Test
  void aSubmitTokenPostingToTwoThousandRandomQueuesGetsOnlyTheCapAndMetricsStayBounded(Vertx vertx, RedisNode redis) {
    GatewayFixture f = gateway(vertx, redis, false, 10);
    Map<Integer, Integer> statuses = new HashMap<>();
    Set<String> codes = new TreeSet<>();
    for (int chunk = 0; chunk < 20; chunk++) {
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        sent.add(f.client.post(f.port, "127.0.0.1", "/api/v1/queues/rnd-" + UUID.randomUUID() + "/jobs")
            .bearerTokenAuthentication(SUBMIT).sendJsonObject(JOB));
      }
      for (Future<HttpResponse<Buffer>> r : sent) {
        HttpResponse<Buffer> response = r.await();
        statuses.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() == 409) {
          assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
          codes.add(response.bodyAsJsonObject().getString("code"));
        }
      }
    }
    // One refusal through the contract check: a documented answer.
    HttpResponse<Buffer> refused = f.post("/api/v1/queues/one-more/jobs", SUBMIT, JOB);

    assertThat(statuses).isEqualTo(Map.of(201, 10, 409, 1990));
    assertThat(codes).containsExactly("QUEUE_LIMIT");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("VIGIL_MAX_QUEUES");
    List<String> queues = f.engine.admin().listQueues().await();
    assertThat(queues).hasSize(10);
    for (Object key : (List<?>) redis.command("KEYS", "*")) {
      String k = String.valueOf(key);
      assertThat(k.equals(GatewayFixture.PREFIX + ":queues")
          || queues.stream().anyMatch(q -> k.startsWith(GatewayFixture.PREFIX + ":{" + q + "}:"))).as(k).isTrue();
    }
    String metrics = f.get("/metrics", GatewayFixture.READ).bodyAsString();
    assertThat(labels(metrics, "vigil_jobs_submitted_total")).isEqualTo(new TreeSet<>(queues));
    assertThat(f.get("/api/v1/queues", GatewayFixture.READ).bodyAsJsonObject().getJsonArray("queues")).hasSize(10);
  }

  @Test
  void declaredModeRefusesUnknownQueuesWith404AndDeclareSubmitDeleteRoundTrips(Vertx vertx, RedisNode redis) {
    GatewayFixture f = gateway(vertx, redis, true, 1000);

    HttpResponse<Buffer> unknown = f.post("/api/v1/queues/mail/jobs", SUBMIT, JOB);
    HttpResponse<Buffer> unknownBulk = f.post("/api/v1/queues/mail/jobs/bulk", SUBMIT,
        new JsonObject().put("jobs", new JsonArray().add(JOB).add(JOB)));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("QUEUE_UNKNOWN");
    assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("PUT /queues/mail");
    assertThat(unknownBulk.statusCode()).isEqualTo(404);
    assertThat(f.post("/api/v1/queues/mail/pause", GatewayFixture.ADMIN, null).statusCode()).isEqualTo(404);
    assertThat(f.get("/api/v1/queues/mail", GatewayFixture.READ).statusCode()).isEqualTo(404);
    assertThat(f.dbSize()).isZero();

    assertThat(f.send(HttpMethod.PUT, "/api/v1/queues/mail", SUBMIT, null).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> declared = f.send(HttpMethod.PUT, "/api/v1/queues/mail", ADMIN,
        new JsonObject().put("limits", new JsonObject().put("maxActive", 2)).toBuffer());
    HttpResponse<Buffer> again = f.send(HttpMethod.PUT, "/api/v1/queues/mail", ADMIN, null);
    assertThat(declared.statusCode()).isEqualTo(201);
    assertThat(declared.bodyAsJsonObject().getJsonObject("limits").getInteger("maxActive")).isEqualTo(2);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getJsonObject("limits").getInteger("maxActive")).isEqualTo(2);
    assertThat(f.post("/api/v1/queues/mail/jobs", SUBMIT, JOB).statusCode()).isEqualTo(201);
    assertThat(f.get("/api/v1/queues/mail", GatewayFixture.READ).bodyAsJsonObject().getJsonObject("counts")
        .getLong("waiting")).isEqualTo(1);

    HttpResponse<Buffer> busy = f.send(HttpMethod.DELETE, "/api/v1/queues/mail", ADMIN, null);
    assertThat(busy.statusCode()).isEqualTo(409);
    assertThat(busy.bodyAsJsonObject().getString("code")).isEqualTo("QUEUE_BUSY");
    assertThat(f.engine.admin().info("mail").await().counts().values()).contains(1L);

    assertThat(f.send(HttpMethod.DELETE, "/api/v1/queues/mail?force=true", ADMIN, null).statusCode()).isEqualTo(204);
    assertThat(f.dbSize()).isZero();
    assertThat(f.get("/api/v1/queues", GatewayFixture.READ).bodyAsJsonObject().getJsonArray("queues")).isEmpty();
    assertThat(f.send(HttpMethod.DELETE, "/api/v1/queues/mail", ADMIN, null).statusCode()).isEqualTo(404);
    assertThat(f.post("/api/v1/queues/mail/jobs", SUBMIT, JOB).statusCode()).isEqualTo(404);
  }

  @Test
  void aTokenLimitedToQueuePatternsIsRefusedElsewhereOverRestAndTheEventBus(Vertx vertx, RedisNode redis) {
    GatewayFixture f = gateway(vertx, redis, false, 1000);

    HttpResponse<Buffer> outside = f.post("/api/v1/queues/billing/jobs", SCOPED, JOB);
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(outside.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
    ReplyException bus = refusal(vertx.eventBus().request(BusAddresses.SUBMIT, JOB.copy().put("queue", "billing"),
        GatewayFixture.bus(SCOPED)));
    assertThat(bus.failureCode()).isEqualTo(403);
    assertThat(f.dbSize()).isZero();

    assertThat(f.post("/api/v1/queues/reports-eu/jobs", SCOPED, JOB).statusCode()).isEqualTo(201);
    assertThat(f.post("/api/v1/queues/mail/jobs", SCOPED, JOB).statusCode()).isEqualTo(201);
    assertThat(f.post("/api/v1/queues/mailx/jobs", SCOPED, JOB).statusCode()).isEqualTo(403);
    assertThat(f.post("/api/v1/queues/billing/jobs", SUBMIT, JOB).statusCode()).isEqualTo(201);
    assertThat(f.get("/api/v1/queues/billing/jobs", SCOPED).statusCode()).isEqualTo(403);
    assertThat(f.get("/api/v1/events?queue=billing", SCOPED).statusCode()).isEqualTo(403);
    assertThat(f.get("/api/v1/events", SCOPED).statusCode()).isEqualTo(403);
    assertThat(f.get("/api/v1/queues/mail/jobs", SCOPED).statusCode()).isEqualTo(200);
    assertThat(queueNames(f, SCOPED)).containsExactlyInAnyOrder("reports-eu", "mail");
    assertThat(queueNames(f, SUBMIT)).containsExactlyInAnyOrder("reports-eu", "mail", "billing");
  }

  private static List<String> queueNames(GatewayFixture f, String token) {
    return f.get("/api/v1/queues", token).bodyAsJsonObject().getJsonArray("queues").stream()
        .map(q -> ((JsonObject) q).getString("name")).toList();
  }

  @Test
  void anEventBusSubmissionToAnUnknownQueueIsRefusedLikeRest(Vertx vertx, RedisNode redis) {
    GatewayFixture f = gateway(vertx, redis, true, 1000);

    ReplyException bus = refusal(vertx.eventBus().request(BusAddresses.SUBMIT, JOB.copy().put("queue", "mail"),
        GatewayFixture.bus(SUBMIT)));

    assertThat(bus.failureCode()).isEqualTo(404);
    assertThat(new JsonObject(bus.getMessage()).getString("code")).isEqualTo("QUEUE_UNKNOWN");
    assertThat(f.dbSize()).isZero();
  }

  private static ReplyException refusal(Future<?> request) {
    Throwable failure = request.map(m -> (Throwable) null).otherwise(e -> e).await();
    assertThat(failure).isInstanceOf(ReplyException.class);
    return (ReplyException) failure;
  }

  /** The distinct queue labels of one metric in a Prometheus text page. */
  private static Set<String> labels(String page, String metric) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*queue=\"([^\"]+)\"").matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
