package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.gateway.support.SseClient;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class EventStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void aStreamStartsAtNewEventsAndResumesAfterLastEventIdWithNothingLostOrRepeated(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    submit(f, "before");

    String lastSeen;
    try (SseClient live = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, null)) {
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.header("Content-Type")).startsWith("text/event-stream");
      submit(f, "during");
      await("the event of 'during'").atMost(WAIT).until(() -> live.events().size() == 1);
      SseClient.Event event = live.events().get(0);
      assertThat(event.data().getString("event")).isEqualTo("added");
      assertThat(event.data().getString("jobId")).isEqualTo("during");
      assertThat(event.data().getString("queue")).isEqualTo("q");
      assertThat(event.data().getString("id")).isEqualTo(event.id());
      lastSeen = event.id();
    }
    submit(f, "gap-1");
    submit(f, "gap-2");

    try (SseClient resumed = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, lastSeen)) {
      await("the two missed events").atMost(WAIT).until(() -> resumed.events().size() == 2);
      assertThat(resumed.events()).extracting(e -> e.data().getString("jobId")).containsExactly("gap-1", "gap-2");
    }
    try (SseClient byParameter = SseClient.open(vertx, f.port, "/api/v1/events?queue=q&lastEventId=" + lastSeen, READ,
        null)) {
      await("the two missed events by parameter").atMost(WAIT).until(() -> byParameter.events().size() == 2);
    }
  }

  @Test
  void aQuietStreamGetsHeartbeatsAndClosingItFreesItsSlot(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_SSE_HEARTBEAT_MS", "100",
        "VIGIL_SSE_MAX_STREAMS", "1"), EngineSettings.defaults(GatewayFixture.PREFIX));

    try (SseClient quiet = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, null)) {
      await("two heartbeats").atMost(WAIT).until(() -> quiet.frames().stream().filter(s -> s.startsWith(":")).count() >= 2);
      assertThat(f.get("/api/v1/events?queue=q", READ).statusCode()).isEqualTo(503);
      assertThat(streams(f)).isEqualTo(1.0);
    }

    await("the stream slot to be released").atMost(WAIT).until(() -> streams(f) == 0.0);
    try (SseClient next = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, null)) {
      assertThat(next.status()).isEqualTo(200);
    }
  }

  @Test
  void aStreamNeedsAValidQueueAndResumePoint(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    assertThat(f.get("/api/v1/events", READ).statusCode()).isEqualTo(400);
    assertThat(f.get("/api/v1/events?queue=a:b", READ).statusCode()).isEqualTo(400);
    assertThat(f.get("/api/v1/events?queue=q&lastEventId=1-2%0D%0A", READ).statusCode()).isEqualTo(400);
    assertThat(f.get("/api/v1/events?queue=q", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aLastEventIdBeyondUnsigned64BitsOrTheLargestIdIsRefusedWith400AndTheOneBelowIsAccepted(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    io.vertx.core.MultiMap tooLarge = io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("Last-Event-ID", "18446744073709551616-0");

    assertThat(f.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/events?queue=q", READ, tooLarge, null).statusCode())
        .isEqualTo(400);
    assertThat(f.get("/api/v1/events?queue=q&lastEventId=1-99999999999999999999", READ).statusCode()).isEqualTo(400);
    // Nothing follows the largest id: Redis refused every poll of such a stream (found by BadInputCampaignTest).
    assertThat(f.get("/api/v1/events?queue=q&lastEventId=18446744073709551615-18446744073709551615", READ).statusCode())
        .isEqualTo(400);
    try (SseClient largest = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ,
        "18446744073709551615-18446744073709551614")) {
      assertThat(largest.status()).isEqualTo(200);
    }
    assertThat(f.dbSize()).isZero();
  }

  @Test
  void oneTokenCannotTakeEveryStreamSlot(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_SSE_MAX_STREAMS_PER_CALLER", "2"),
        EngineSettings.defaults(GatewayFixture.PREFIX));

    try (SseClient first = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, null);
         SseClient second = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, null);
         SseClient other = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", SUBMIT, null)) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(other.status()).isEqualTo(200);
      assertThat(f.get("/api/v1/events?queue=q", READ).statusCode()).isEqualTo(503);
      assertThat(streams(f)).isEqualTo(3.0);
    }
    await("the slots to be released").atMost(WAIT).until(() -> streams(f) == 0.0);
    try (SseClient again = SseClient.open(vertx, f.port, "/api/v1/events?queue=q", READ, null)) {
      assertThat(again.status()).isEqualTo(200);
    }
  }

  private static void submit(GatewayFixture f, String jobId) {
    assertThat(f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", jobId))
        .statusCode()).isEqualTo(201);
  }

  private static double streams(GatewayFixture f) {
    return f.registry.get("vigil.gateway.sse.streams").gauge().value();
  }
}
