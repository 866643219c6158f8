package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.queue.Lease;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operations the dashboard added, over a real Redis. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class DashboardApiTest {

  @Test
  void throughputCountsFinishedJobsPerMinuteFromTheRelayAndTheKeysExpire(Vertx vertx, RedisNode redis) throws Exception {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_EVENT_RELAY", "true"), EngineSettings.defaults(GatewayFixture.PREFIX));
    Thread.sleep(200); // the relay holds its lease before the queue exists, so it counts from the queue's start
    for (String id : List.of("a", "b", "c")) {
      f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", id)
          .put("options", new JsonObject().put("attempts", 1)));
    }
    f.engine.transitions().complete(fetch(f), "1", null).await();
    f.engine.transitions().complete(fetch(f), "1", null).await();
    f.engine.transitions().fail(fetch(f), "boom", 0, null).await();

    await("the relay to count").atMost(Duration.ofSeconds(10)).until(() -> total(f, "completed") == 2 && total(f, "failed") == 1);
    JsonArray minutes = f.get("/api/v1/queues/q/throughput", READ).bodyAsJsonObject().getJsonArray("minutes");
    List<?> keys = (List<?>) redis.command("KEYS", GatewayFixture.PREFIX + ":{q}:minute:*");
    long ttl = (Long) redis.command("PTTL", String.valueOf(keys.get(0)));

    assertThat(minutes).hasSize(60);
    assertThat(minutes.getJsonObject(59).getLong("at") - minutes.getJsonObject(0).getLong("at")).isEqualTo(59 * 60_000L);
    assertThat(keys).hasSizeBetween(1, 2); // a minute boundary may fall between the finishes
    assertThat(ttl).isBetween(60 * 60_000L, 65 * 60_000L);
    assertThat(f.get("/api/v1/queues/q/throughput?minutes=5", READ).bodyAsJsonObject().getJsonArray("minutes")).hasSize(5);
    assertThat(f.get("/api/v1/queues/q/throughput?minutes=61", READ).statusCode()).isEqualTo(400);
  }

  @Test
  void clusterStatusOnStandaloneRedisNamesTheMasterAndItsMemory(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    redis.command("CONFIG", "SET", "maxmemory", "104857600");

    JsonObject c = f.get("/api/v1/cluster", READ).bodyAsJsonObject();

    assertThat(c.getString("mode")).isEqualTo("standalone");
    assertThat(c.getJsonObject("master").getString("address")).isEqualTo(redis.host() + ":" + redis.port());
    assertThat(c.getJsonObject("master").getString("role")).isEqualTo("master");
    assertThat(c.getJsonArray("replicas")).isEmpty();
    assertThat(c.getJsonObject("memory").getLong("used")).isPositive();
    assertThat(c.getJsonObject("memory").getLong("max")).isEqualTo(104857600L);
    assertThat(c.getJsonObject("memory").getDouble("ratio")).isBetween(0.0, 1.0);
    assertThat(c.getJsonObject("sentinels").getInteger("configured")).isZero();
    assertThat(f.get("/api/v1/cluster", null).statusCode()).isEqualTo(401);
  }

  @Test
  void limitsArePutAndRemovedAndBadOnesChangeNothing(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n"));

    HttpResponse<Buffer> set = put(f, "/api/v1/queues/q/limits", ADMIN,
        new JsonObject().put("maxActive", 3).put("rateMax", 10).put("rateWindowMs", 1000));
    HttpResponse<Buffer> half = put(f, "/api/v1/queues/q/limits", ADMIN, new JsonObject().put("rateMax", 5));
    HttpResponse<Buffer> reader = put(f, "/api/v1/queues/q/limits", READ, new JsonObject().put("maxActive", 1));
    JsonObject kept = f.get("/api/v1/queues/q", READ).bodyAsJsonObject().getJsonObject("limits");
    HttpResponse<Buffer> cleared = put(f, "/api/v1/queues/q/limits", ADMIN, new JsonObject().put("maxActive", null));

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(set.bodyAsJsonObject().getJsonObject("limits"))
        .isEqualTo(new JsonObject().put("maxActive", 3).put("rateMax", 10).put("rateWindowMs", 1000));
    assertThat(half.statusCode()).isEqualTo(400);
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(kept.getInteger("maxActive")).isEqualTo(3);
    assertThat(cleared.bodyAsJsonObject().getJsonObject("limits"))
        .isEqualTo(new JsonObject().put("maxActive", null).put("rateMax", null).put("rateWindowMs", null));
  }

  @Test
  void promoteMakesADelayedJobWaitingAndRefusesOthers(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "later")
        .put("options", new JsonObject().put("delayMs", 3_600_000)));

    HttpResponse<Buffer> promoted = f.post("/api/v1/queues/q/jobs/later/promote", ADMIN, null);

    assertThat(promoted.statusCode()).isEqualTo(200);
    assertThat(promoted.bodyAsJsonObject().getString("state")).isEqualTo("waiting");
    assertThat(f.post("/api/v1/queues/q/jobs/later/promote", ADMIN, null).statusCode()).isEqualTo(409);
    assertThat(f.post("/api/v1/queues/q/jobs/ghost/promote", ADMIN, null).statusCode()).isEqualTo(404);
    assertThat(f.post("/api/v1/queues/q/jobs/later/promote", SUBMIT, null).statusCode()).isEqualTo(403);
  }

  @Test
  void aJobsEventHistoryHasItsOwnEventsInOrder(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "mine"));
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "other"));
    f.engine.transitions().complete(fetch(f), "{\"ok\":1}", null).await();

    JsonArray events = f.get("/api/v1/queues/q/jobs/mine/events", READ).bodyAsJsonObject().getJsonArray("events");

    assertThat(events.stream().map(e -> ((JsonObject) e).getString("event")).toList())
        .containsExactly("added", "active", "completed");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("jobId")).distinct().toList()).containsExactly("mine");
    assertThat(f.get("/api/v1/queues/q/jobs/ghost/events", READ).statusCode()).isEqualTo(404);
  }

  @Test
  void cronPreviewAnswersTheNextFiresInTheZoneOrWhatIsWrong(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    JsonObject paris = f.get("/api/v1/cron?expression=" + encode("0 9 * * 1-5") + "&timezone=Europe/Paris", READ)
        .bodyAsJsonObject();
    HttpResponse<Buffer> bad = f.get("/api/v1/cron?expression=" + encode("61 * * * *"), READ);
    HttpResponse<Buffer> zone = f.get("/api/v1/cron?expression=" + encode("* * * * *") + "&timezone=Mars/Olympus", READ);

    assertThat(paris.getString("timezone")).isEqualTo("Europe/Paris");
    assertThat(paris.getJsonArray("nextFires")).hasSize(5);
    for (Object fire : paris.getJsonArray("nextFires")) {
      java.time.ZonedDateTime at = java.time.Instant.ofEpochMilli((Long) fire).atZone(java.time.ZoneId.of("Europe/Paris"));
      assertThat(at.getHour()).isEqualTo(9);
      assertThat(at.getDayOfWeek().getValue()).isBetween(1, 5);
    }
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("detail")).contains("61 * * * *");
    assertThat(zone.statusCode()).isEqualTo(400);
    assertThat(zone.bodyAsJsonObject().getString("detail")).contains("Mars/Olympus");
  }

  @Test
  void whoamiNamesTheTokenAndItsRoleButNeverTheSecret(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    assertThat(f.get("/api/v1/whoami", READ).bodyAsJsonObject()).isEqualTo(new JsonObject().put("name", "reader").put("role", "read"));
    assertThat(f.get("/api/v1/whoami", ADMIN).bodyAsJsonObject()).isEqualTo(new JsonObject().put("name", "admin").put("role", "admin"));
    assertThat(f.get("/api/v1/whoami", "not-a-token-at-all-00").statusCode()).isEqualTo(401);
  }

  @Test
  void theDashboardIsServedFromTheJarWithAPolicyThatAllowsNothingFromElsewhere(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    HttpResponse<Buffer> page = f.get("/ui/", null);
    HttpResponse<Buffer> script = f.get("/ui/js/app.js", null);
    HttpResponse<Buffer> bare = f.client.get(f.port, "127.0.0.1", "/ui").followRedirects(false).send().await();

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Security-Policy")).startsWith("default-src 'self'");
    assertThat(page.bodyAsString()).contains("<script type=\"module\" src=\"js/app.js\">").doesNotContain("http");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Content-Type")).contains("javascript");
    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.getHeader("Location")).isEqualTo("/ui/");
    assertThat(f.get("/ui/nothing-here.js", null).statusCode()).isEqualTo(404);
  }

  private static long total(GatewayFixture f, String kind) {
    return f.get("/api/v1/queues/q/throughput", READ).bodyAsJsonObject().getJsonArray("minutes").stream()
        .mapToLong(m -> ((JsonObject) m).getLong(kind)).sum();
  }

  private static Lease fetch(GatewayFixture f) {
    return ((FetchOutcome.Fetched) f.engine.transitions().fetch("q", "worker-1").await()).lease();
  }

  private static HttpResponse<Buffer> put(GatewayFixture f, String path, String token, JsonObject body) {
    return f.send(HttpMethod.PUT, path, token, body.toBuffer());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
