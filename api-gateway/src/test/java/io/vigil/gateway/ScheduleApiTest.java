package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.dispatcher.ScheduleStore;
import io.vigil.gateway.schedule.StoreScheduleApi;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The schedule routes over the real schedule store in Redis. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ScheduleApiTest {

  @Test
  void aScheduleIsStoredInRedisWithItsNextFiresAndInvalidOnesAre400(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    StoreScheduleApi api = new StoreScheduleApi(new ScheduleStore(f.broker, GatewayFixture.PREFIX, Clock.systemUTC()));
    f.useSchedules(api);
    JsonObject schedule = new JsonObject().put("cron", "0 3 * * *").put("timezone", "Europe/Berlin")
        .put("queue", "reports").put("name", "nightly").put("data", new JsonObject().put("k", 1)).put("misfire", "skip");

    HttpResponse<Buffer> put = f.send(HttpMethod.PUT, "/api/v1/schedules/nightly", ADMIN, schedule.toBuffer());
    JsonObject got = f.get("/api/v1/schedules/nightly", READ).bodyAsJsonObject();
    JsonArray listed = f.get("/api/v1/schedules", READ).bodyAsJsonObject().getJsonArray("schedules");
    HttpResponse<Buffer> badCron = f.send(HttpMethod.PUT, "/api/v1/schedules/bad", ADMIN,
        schedule.copy().put("cron", "61 * * * *").toBuffer());
    HttpResponse<Buffer> badZone = f.send(HttpMethod.PUT, "/api/v1/schedules/bad", ADMIN,
        schedule.copy().put("timezone", "Mars/Olympus").toBuffer());

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(got.getString("cron")).isEqualTo("0 3 * * *");
    assertThat(got.getString("misfire")).isEqualTo("skip");
    assertThat(got.getJsonArray("nextFires")).hasSize(5);
    assertThat(got.getJsonArray("nextFires").getLong(0)).isGreaterThan(System.currentTimeMillis());
    assertThat(listed).hasSize(1);
    assertThat(badCron.statusCode()).isEqualTo(400);
    assertThat(badZone.statusCode()).isEqualTo(400);
    assertThat(f.send(HttpMethod.DELETE, "/api/v1/schedules/nightly", ADMIN, null).statusCode()).isEqualTo(204);
    assertThat(f.get("/api/v1/schedules/nightly", READ).statusCode()).isEqualTo(404);
  }
}
