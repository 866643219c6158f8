package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.events.EventRelay;
import io.vigil.gateway.events.RelayLease;
import io.vigil.gateway.stats.MinuteCounts;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class EventBusTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void aBusSubmissionAnswersLikeRestWith201Then200(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonObject body = new JsonObject().put("queue", "q").put("name", "echo").put("jobId", "bus-1")
        .put("data", new JsonObject().put("x", 1));

    JsonObject first = vertx.eventBus().<JsonObject>request(BusAddresses.SUBMIT, body, GatewayFixture.bus(SUBMIT)).await().body();
    JsonObject second = vertx.eventBus().<JsonObject>request(BusAddresses.SUBMIT, body.encode(), GatewayFixture.bus(SUBMIT)).await().body();

    assertThat(first.getInteger("status")).isEqualTo(201);
    assertThat(first.getJsonObject("job").getString("id")).isEqualTo("bus-1");
    assertThat(first.getJsonObject("job").getString("state")).isEqualTo("waiting");
    assertThat(second.getInteger("status")).isEqualTo(200);
    assertThat(second.getJsonObject("job").getJsonObject("data")).isEqualTo(new JsonObject().put("x", 1));
    assertThat(f.engine.admin().getJob("q", "bus-1").await().name()).isEqualTo("echo");
  }

  @Test
  void aBusSubmissionWithoutAValidTokenOrWithTheReadRoleIsRefusedAndCreatesNothing(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonObject body = new JsonObject().put("queue", "q").put("name", "echo").put("jobId", "intruder");

    ReplyException none = refusal(vertx.eventBus().request(BusAddresses.SUBMIT, body));
    ReplyException wrong = refusal(vertx.eventBus().request(BusAddresses.SUBMIT, body,
        GatewayFixture.bus("not-a-token-0000000000")));
    ReplyException reader = refusal(vertx.eventBus().request(BusAddresses.SUBMIT, body,
        GatewayFixture.bus(GatewayFixture.READ)));

    assertThat(none.failureCode()).isEqualTo(401);
    assertThat(new JsonObject(none.getMessage()).getString("code")).isEqualTo("UNAUTHORIZED");
    assertThat(wrong.failureCode()).isEqualTo(401);
    assertThat(reader.failureCode()).isEqualTo(403);
    assertThat(new JsonObject(reader.getMessage()).getString("code")).isEqualTo("FORBIDDEN");
    assertThat(f.dbSize()).isZero();
  }

  private static ReplyException refusal(io.vertx.core.Future<?> request) {
    Throwable failure = request.map(m -> (Throwable) null).otherwise(e -> e).await();
    assertThat(failure).isInstanceOf(ReplyException.class);
    return (ReplyException) failure;
  }

  @Test
  void aBusSubmissionToAFullQueueFailsWith429AndTheProblem(Vertx vertx, RedisNode redis) {
    GatewayFixture.start(vertx, redis, Map.of(), EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", GatewayFixture.PREFIX,
        "REDIS_MAX_JOBS_PER_QUEUE", "1")));
    JsonObject body = new JsonObject().put("queue", "q").put("name", "echo");
    vertx.eventBus().request(BusAddresses.SUBMIT, body, GatewayFixture.bus(SUBMIT)).await();

    Throwable failure = vertx.eventBus().request(BusAddresses.SUBMIT, body, GatewayFixture.bus(SUBMIT)).map(m -> (Throwable) null)
        .otherwise(e -> e).await();

    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure).failureCode()).isEqualTo(429);
    assertThat(new JsonObject(failure.getMessage()).getString("code")).isEqualTo("QUEUE_FULL");
  }

  @Test
  void theRelayPublishesEveryEventOnTheGlobalAndTheQueueAddress(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_EVENT_RELAY", "true"),
        EngineSettings.defaults(GatewayFixture.PREFIX));
    List<JsonObject> all = new CopyOnWriteArrayList<>();
    List<JsonObject> ofQ = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(BusAddresses.EVENTS, m -> all.add(m.body())).completion().await();
    vertx.eventBus().<JsonObject>consumer(BusAddresses.eventsOf("q"), m -> ofQ.add(m.body())).completion().await();
    await("the relay lease").atMost(WAIT).until(() -> redis.command("GET", GatewayFixture.PREFIX + ":relay-lease") != null);

    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "j1"));
    f.post("/api/v1/queues/other/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "j2"));
    f.post("/api/v1/queues/q/pause", GatewayFixture.ADMIN, null);

    await("three events on the global address").atMost(WAIT).until(() -> all.size() == 3);
    await("two events on the q address").atMost(WAIT).until(() -> ofQ.size() == 2);
    assertThat(ofQ).extracting(e -> e.getString("event") + ":" + e.getString("jobId"))
        .containsExactly("added:j1", "paused:");
    assertThat(all).extracting(e -> e.getString("queue")).containsExactlyInAnyOrder("q", "q", "other");
  }

  @Test
  void onlyTheLeaseHolderRelaysAndAnotherTakesOverWhenItStops(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    EventRelay first = relay(vertx, f, "gateway-a");
    EventRelay second = relay(vertx, f, "gateway-b");
    List<String> seen = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(BusAddresses.eventsOf("q"), (Message<JsonObject> m) ->
        seen.add(m.body().getString("jobId"))).completion().await();
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "old"));

    first.tick().await();
    second.tick().await();
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "a1"));
    for (int i = 0; i < 3; i++) {
      first.tick().await();
      second.tick().await();
    }
    await("a1 relayed").atMost(WAIT).until(() -> seen.contains("a1"));
    assertThat(first.isLeader()).isTrue();
    assertThat(second.isLeader()).isFalse();

    first.stop().await();
    second.tick().await();
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "b1"));
    second.tick().await();
    first.tick().await();
    await("b1 relayed").atMost(WAIT).until(() -> seen.contains("b1"));

    System.out.printf("relay handover: events seen %s%n", seen);
    assertThat(second.isLeader()).isTrue();
    assertThat(first.isLeader()).isFalse();
    assertThat(seen).containsExactly("a1", "b1");
  }

  private static EventRelay relay(Vertx vertx, GatewayFixture f, String token) {
    RelayLease lease = new RelayLease(f.broker, GatewayFixture.PREFIX, token, 10_000);
    return new EventRelay(vertx.eventBus(), f.engine.admin(), f.engine.events(), lease, f.services.metrics(),
        new MinuteCounts(f.broker, GatewayFixture.PREFIX));
  }
}
