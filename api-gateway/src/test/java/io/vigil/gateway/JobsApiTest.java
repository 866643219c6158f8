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
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.queue.Lease;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class JobsApiTest {
  private static final Set<String> JOB_FIELDS = Set.of("id", "queue", "name", "data", "options", "state",
      "attemptsMade", "progress", "result", "failedReason", "worker", "createdAt", "startedAt", "finishedAt");

  @Test
  void submitAnswers201WithTheJobAsSubmittedAndQueuesIt(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    HttpResponse<Buffer> r = f.post("/api/v1/queues/reports/jobs", SUBMIT, new JsonObject().put("name", "echo")
        .put("data", new JsonObject().put("n", 1)).put("options", new JsonObject().put("attempts", 2)));

    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject job = r.bodyAsJsonObject();
    assertThat(job.fieldNames()).containsAll(JOB_FIELDS);
    assertThat(job.getString("state")).isEqualTo("waiting");
    assertThat(job.getJsonObject("data")).isEqualTo(new JsonObject().put("n", 1));
    assertThat(job.getJsonObject("options").getInteger("attempts")).isEqualTo(2);
    JsonObject stored = f.get("/api/v1/queues/reports/jobs/" + job.getString("id"), READ).bodyAsJsonObject();
    assertThat(stored.getString("name")).isEqualTo("echo");
    assertThat(stored.getString("state")).isEqualTo("waiting");
    assertThat(stored.getJsonObject("data")).isEqualTo(new JsonObject().put("n", 1));
  }

  @Test
  void submitWithAnExistingJobIdAnswers200WithTheStoredJobAndWritesNothing(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonObject body = new JsonObject().put("name", "echo").put("jobId", "order-42").put("data", 1);
    assertThat(f.post("/api/v1/queues/q/jobs", SUBMIT, body).statusCode()).isEqualTo(201);
    long keys = f.stateKeyCount();

    HttpResponse<Buffer> again = f.post("/api/v1/queues/q/jobs", SUBMIT, body.copy().put("data", 2));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo("order-42");
    assertThat(again.bodyAsJsonObject().getInteger("data")).isEqualTo(1);
    assertThat(f.stateKeyCount()).isEqualTo(keys);
  }

  @Test
  void aRetriedSubmitOfAJobThatRanAndWasRemovedAnswers200WithWhatIsKnownAndCreatesNothing(Vertx vertx,
                                                                                         RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonObject body = new JsonObject().put("name", "echo").put("jobId", "dup-x").put("data", new JsonObject())
        .put("options", new JsonObject().put("removeOnComplete", true));
    assertThat(f.post("/api/v1/queues/q/jobs", SUBMIT, body).statusCode()).isEqualTo(201);
    io.vigil.core.queue.FetchOutcome.Fetched fetched =
        (io.vigil.core.queue.FetchOutcome.Fetched) f.engine.transitions().fetch("q", "w1").await();
    f.engine.transitions().complete(fetched.lease(), "{}", null).await();

    HttpResponse<Buffer> again = f.post("/api/v1/queues/q/jobs", SUBMIT, body);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo("dup-x");
    assertThat(again.bodyAsJsonObject().getString("state")).isEqualTo("removed");
    assertThat(again.bodyAsJsonObject().getString("name")).isEqualTo("echo");
    assertThat(redis.command("KEYS", "vt:{q}:job:*")).isEqualTo(java.util.List.of());
    assertThat(redis.command("ZCARD", "vt:{q}:waiting")).isEqualTo(0L);
  }

  @Test
  void delayedSubmissionIsDelayedAndUnknownJobIs404(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    HttpResponse<Buffer> r = f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "later")
        .put("options", new JsonObject().put("delayMs", 60_000)));
    HttpResponse<Buffer> missing = f.get("/api/v1/queues/q/jobs/nope", READ);

    assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo("delayed");
    assertThat(f.get("/api/v1/queues/q/jobs/" + r.bodyAsJsonObject().getString("id"), READ).bodyAsJsonObject()
        .getString("state")).isEqualTo("delayed");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("JOB_NOT_FOUND");
  }

  @Test
  void bulkAnswers201ThenAnswers200WhenEveryJobAlreadyExists(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonObject bulk = new JsonObject().put("jobs", new JsonArray()
        .add(new JsonObject().put("name", "a").put("jobId", "j1"))
        .add(new JsonObject().put("name", "b").put("jobId", "j2")));

    HttpResponse<Buffer> first = f.post("/api/v1/queues/q/jobs/bulk", SUBMIT, bulk);
    HttpResponse<Buffer> second = f.post("/api/v1/queues/q/jobs/bulk", SUBMIT, bulk);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getJsonArray("jobs")).containsExactly(
        new JsonObject().put("id", "j1").put("created", true), new JsonObject().put("id", "j2").put("created", true));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.bodyAsJsonObject().getJsonArray("jobs").getJsonObject(0).getBoolean("created")).isFalse();
  }

  @Test
  void listingPagesThroughAStateWithTheCursor(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    for (int i = 0; i < 5; i++) {
      f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "j" + i));
    }

    JsonObject page1 = f.get("/api/v1/queues/q/jobs?state=waiting&limit=3", READ).bodyAsJsonObject();
    JsonObject page2 = f.get("/api/v1/queues/q/jobs?state=waiting&limit=3&cursor=" + page1.getString("nextCursor"),
        READ).bodyAsJsonObject();

    assertThat(page1.getJsonArray("jobs").stream().map(j -> ((JsonObject) j).getString("id")))
        .containsExactly("j0", "j1", "j2");
    assertThat(page2.getJsonArray("jobs").stream().map(j -> ((JsonObject) j).getString("id"))).containsExactly("j3", "j4");
    assertThat(page2.getString("nextCursor")).isNull();
    assertThat(f.get("/api/v1/queues/q/jobs?state=bogus", READ).statusCode()).isEqualTo(400);
    assertThat(f.get("/api/v1/queues/q/jobs?limit=501", READ).statusCode()).isEqualTo(400);
  }

  @Test
  void removeAnswers204ThenTheJobIsGoneAndAnActiveJobIs409(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "active-one"));
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "waiting-one"));
    fetch(f, "q");

    assertThat(f.send(HttpMethod.DELETE, "/api/v1/queues/q/jobs/waiting-one", ADMIN, null).statusCode()).isEqualTo(204);
    assertThat(f.get("/api/v1/queues/q/jobs/waiting-one", READ).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> active = f.send(HttpMethod.DELETE, "/api/v1/queues/q/jobs/active-one", ADMIN, null);
    assertThat(active.statusCode()).isEqualTo(409);
    assertThat(active.bodyAsJsonObject().getString("code")).isEqualTo("WRONG_STATE");
  }

  @Test
  void retryMovesAFailedJobBackToWaiting(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "j")
        .put("options", new JsonObject().put("attempts", 1)));
    Lease lease = fetch(f, "q");
    f.engine.transitions().fail(lease, "boom", 0, null).await();
    assertThat(f.get("/api/v1/queues/q/jobs/j", READ).bodyAsJsonObject().getString("failedReason")).isEqualTo("boom");

    HttpResponse<Buffer> r = f.post("/api/v1/queues/q/jobs/j/retry", ADMIN, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo("waiting");
    assertThat(f.post("/api/v1/queues/q/jobs/j/retry", ADMIN, null).statusCode()).isEqualTo(409);
  }

  @Test
  void cancelPublishesTheActiveJobOnTheCancelAddressAndRefusesOtherStates(Vertx vertx, RedisNode redis)
      throws Exception {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    CompletableFuture<JsonObject> signal = new CompletableFuture<>();
    vertx.eventBus().<JsonObject>consumer(BusAddresses.CANCEL, m -> signal.complete(m.body())).completion().await();
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "running"));
    f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("jobId", "queued"));
    fetch(f, "q");

    HttpResponse<Buffer> r = f.post("/api/v1/queues/q/jobs/running/cancel", ADMIN, null);
    HttpResponse<Buffer> refused = f.post("/api/v1/queues/q/jobs/queued/cancel", ADMIN, null);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(signal.get(5, TimeUnit.SECONDS)).isEqualTo(new JsonObject().put("queue", "q").put("jobId", "running"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(f.post("/api/v1/queues/q/jobs/ghost/cancel", ADMIN, null).statusCode()).isEqualTo(404);
  }

  private static Lease fetch(GatewayFixture f, String queue) {
    FetchOutcome outcome = f.engine.transitions().fetch(queue, "worker-1").await();
    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    return ((FetchOutcome.Fetched) outcome).lease();
  }
}
