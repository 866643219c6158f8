package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class QueueAndDirectoryApiTest {

  @Test
  void queuesAreListedWithCountsAndPauseAndResumeFlipTheFlag(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    f.post("/api/v1/queues/alpha/jobs", SUBMIT, new JsonObject().put("name", "n"));
    f.post("/api/v1/queues/beta/jobs", SUBMIT, new JsonObject().put("name", "n"));

    JsonArray queues = f.get("/api/v1/queues", READ).bodyAsJsonObject().getJsonArray("queues");
    JsonObject paused = f.post("/api/v1/queues/alpha/pause", ADMIN, null).bodyAsJsonObject();
    JsonObject info = f.get("/api/v1/queues/alpha", READ).bodyAsJsonObject();
    JsonObject resumed = f.post("/api/v1/queues/alpha/resume", ADMIN, null).bodyAsJsonObject();

    assertThat(queues.stream().map(q -> ((JsonObject) q).getString("name"))).containsExactly("alpha", "beta");
    assertThat(queues.getJsonObject(0).getJsonObject("counts").getLong("waiting")).isEqualTo(1);
    assertThat(paused.getBoolean("paused")).isTrue();
    assertThat(info.getBoolean("paused")).isTrue();
    assertThat(resumed.getBoolean("paused")).isFalse();
  }

  @Test
  void schedulesArePutReadListedAndDeletedAndWorkersListed(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonObject schedule = new JsonObject().put("cron", "*/5 * * * *").put("timezone", "Europe/Paris")
        .put("queue", "reports").put("name", "nightly").put("data", new JsonObject().put("k", 1));

    HttpResponse<Buffer> put = f.send(HttpMethod.PUT, "/api/v1/schedules/nightly", ADMIN, schedule.toBuffer());
    JsonObject got = f.get("/api/v1/schedules/nightly", READ).bodyAsJsonObject();
    JsonArray list = f.get("/api/v1/schedules", READ).bodyAsJsonObject().getJsonArray("schedules");
    int deleted = f.send(HttpMethod.DELETE, "/api/v1/schedules/nightly", ADMIN, null).statusCode();

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(got.getString("cron")).isEqualTo("*/5 * * * *");
    assertThat(got.getJsonArray("nextFires")).isNotEmpty();
    assertThat(list).hasSize(1);
    assertThat(deleted).isEqualTo(204);
    assertThat(f.get("/api/v1/schedules/nightly", READ).statusCode()).isEqualTo(404);
    assertThat(f.send(HttpMethod.DELETE, "/api/v1/schedules/nightly", ADMIN, null).statusCode()).isEqualTo(404);
    assertThat(f.send(HttpMethod.PUT, "/api/v1/schedules/bad", ADMIN, schedule.copy().put("cron", "* *").toBuffer())
        .statusCode()).isEqualTo(400);
    assertThat(f.send(HttpMethod.PUT, "/api/v1/schedules/bad", ADMIN, schedule.copy().put("misfire", "never").toBuffer())
        .statusCode()).isEqualTo(400);
    assertThat(f.get("/api/v1/workers", READ).bodyAsJsonObject().getJsonArray("workers").getJsonObject(0)
        .getString("id")).isEqualTo("w-1");
  }
}
