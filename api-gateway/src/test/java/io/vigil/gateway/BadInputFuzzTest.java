package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failure-scenario rows A2 and A3: hostile names are a 4xx problem and never reach Redis (generated bodies, headers
 * and paths: {@link BadInputCampaignTest}).
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class BadInputFuzzTest {
  private static final String VALID = "{\"name\":\"echo\",\"jobId\":\"j-1\",\"data\":{\"a\":[1,2,{\"b\":null}]},"
      + "\"options\":{\"attempts\":3,\"delayMs\":10,\"priority\":1,\"backoff\":{\"type\":\"fixed\",\"delayMs\":5}}}";
  private static final List<String> BAD_NAMES = List.of("a:b", "{x}", "*", "..", "a b", "a\r\nb", "a\nb", "", "\u00e9t\u00e9",
      "x".repeat(129), "y".repeat(10_000), "a?b", "a[0]", "-lead", ".hidden", "tab\tname", "nul\u0000");

  @Test
  void keyInjectionNamesInPathsAndBodiesAreRefused(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    int cases = 0;

    for (String name : BAD_NAMES) {
      // ".." and "" are resolved by URL path normalization before routing (dot segment, empty segment):
      // they never reach a handler as a name, so in paths they are replaced by another bad name.
      String encoded = name.equals("..") || name.isEmpty() ? "%00" : java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
      JsonObject job = new JsonObject().put("name", "echo");
      List<HttpResponse<Buffer>> responses = List.of(
          f.post("/api/v1/queues/" + encoded + "/jobs", SUBMIT, job),
          f.post("/api/v1/queues/q/jobs", SUBMIT, job.copy().put("jobId", name)),
          f.post("/api/v1/queues/q/jobs/bulk", SUBMIT, new JsonObject().put("jobs",
              new io.vertx.core.json.JsonArray().add(job.copy().put("jobId", name)))),
          f.get("/api/v1/queues/q/jobs/" + encoded, SUBMIT),
          f.send(HttpMethod.DELETE, "/api/v1/queues/q/jobs/" + encoded, ADMIN, null),
          f.post("/api/v1/queues/" + encoded + "/pause", ADMIN, null),
          f.get("/api/v1/events?queue=" + encoded, SUBMIT),
          f.send(HttpMethod.PUT, "/api/v1/schedules/" + encoded, ADMIN, new JsonObject().put("cron", "* * * * *")
              .put("queue", "q").put("name", "n").toBuffer()),
          f.send(HttpMethod.PUT, "/api/v1/schedules/s", ADMIN, new JsonObject().put("cron", "* * * * *")
              .put("queue", name).put("name", "n").toBuffer()));
      for (HttpResponse<Buffer> r : responses) {
        cases++;
        assertRefusal(r, name);
      }
      if (!name.isEmpty() && name.chars().noneMatch(Character::isISOControl) && name.length() <= 128) {
        continue;
      }
      cases++;
      assertRefusal(f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", name)), name);
    }

    System.out.printf("key injection: %d requests refused, keys in Redis %d%n", cases, f.dbSize());
    assertThat(f.dbSize()).isZero();
    assertThat(f.schedules.list().await()).isEmpty();
  }

  @Test
  void theEventBusHoldsSubmissionsToTheSameRules(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    List<Object> bodies = new ArrayList<>();
    wrongTypes().forEach(body -> bodies.add(new JsonObject(body).put("queue", "q")));
    BAD_NAMES.forEach(name -> bodies.add(new JsonObject().put("queue", name).put("name", "echo")));
    BAD_NAMES.forEach(name -> bodies.add(new JsonObject().put("queue", "q").put("name", "echo").put("jobId", name)));
    bodies.add(new JsonObject().put("name", "echo"));
    bodies.add("{\"queue\":\"q\",\"name\":\"a\",\"name\":\"b\"}");
    bodies.add("{\"queue\":\"q\",\"name\":\"a\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    bodies.add(42);

    for (Object body : bodies) {
      Throwable failure = vertx.eventBus().request(BusAddresses.SUBMIT, body, GatewayFixture.bus(SUBMIT))
          .map(m -> (Throwable) null)
          .otherwise(e -> e).await();
      assertThat(failure).as(String.valueOf(body)).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureCode()).as(String.valueOf(body)).isEqualTo(400);
      assertThat(new JsonObject(failure.getMessage()).getString("code")).isEqualTo("INVALID_REQUEST");
    }

    assertThat(f.dbSize()).isZero();
  }

  /** The valid body with one field at a time swapped for values of the wrong type or out of range. */
  private static List<String> wrongTypes() {
    List<String> out = new ArrayList<>();
    JsonObject valid = new JsonObject(VALID);
    Object[] wrong = {null, 1, -1, 1.5, 1e30, "x", "", true, new JsonObject(), new io.vertx.core.json.JsonArray()};
    for (String field : List.of("name", "jobId", "options")) {
      for (Object value : wrong) {
        boolean validType = field.equals("options") ? value instanceof JsonObject : "x".equals(value);
        if (validType) {
          continue;
        }
        out.add(valid.copy().put(field, value).encode());
      }
    }
    for (String option : List.of("attempts", "delayMs", "priority", "timeoutMs", "backoff", "removeOnComplete")) {
      for (Object value : new Object[] {"3", -5, 1.5, 1e30, new io.vertx.core.json.JsonArray(), "x"}) {
        JsonObject body = valid.copy();
        body.getJsonObject("options").put(option, value);
        out.add(body.encode());
      }
    }
    out.add(valid.copy().put("unknown", 1).encode());
    JsonObject extraOption = valid.copy();
    extraOption.getJsonObject("options").put("retries", 3);
    out.add(extraOption.encode());
    JsonObject badBackoff = valid.copy();
    badBackoff.getJsonObject("options").put("backoff", new JsonObject().put("type", "linear"));
    out.add(badBackoff.encode());
    return out;
  }

  private static void assertRefusal(HttpResponse<Buffer> r, String input) {
    String shown = input.length() > 80 ? input.substring(0, 80) + "..." : input;
    assertThat(r.statusCode()).as("status for %s", shown).isBetween(400, 499);
    // Over-long request lines too are refused with a problem (InvalidRequests), not the codec's empty body.
    assertThat(r.getHeader("Content-Type")).as("type for %s", shown).startsWith("application/problem+json");
    String body = r.bodyAsString() == null ? "" : r.bodyAsString();
    assertThat(body).as("body for %s", shown).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
