package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.RedisSettings;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
@RedisSettings(config = {"maxmemory 64mb"})
class ErrorStatusTest {
  private static final String JOBS = "/api/v1/queues/q/jobs";
  private static final JsonObject JOB = new JsonObject().put("name", "echo");
  private static final Map<String, String> ACK_FROM_ONE_REPLICA = Map.of("REDIS_MIN_REPLICA_ACKS", "1",
      "REDIS_REPLICA_ACK_TIMEOUT", "50");

  @Test
  void aBodyOverTheLimitIs413BeforeParsingWhetherSizedOrChunked(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_MAX_BODY_BYTES", "2048"),
        EngineSettings.defaults(GatewayFixture.PREFIX));
    String big = "{\"name\":\"echo\",\"data\":\"" + "x".repeat(3000) + "\"}";

    HttpResponse<Buffer> sized = f.send(HttpMethod.POST, JOBS, SUBMIT, Buffer.buffer(big));
    int chunked = chunkedPost(vertx, f.port, 200_000);
    HttpResponse<Buffer> anonymous = f.send(HttpMethod.POST, JOBS, null, Buffer.buffer(big));

    assertThat(sized.statusCode()).isEqualTo(413);
    assertThat(sized.bodyAsJsonObject().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(chunked).isEqualTo(413);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(f.dbSize()).isZero();
  }

  @Test
  void jobDataOverTheEnginePayloadCapIs413AndWritesNothing(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of(),
        engineSettings("VIGIL_MAX_PAYLOAD_BYTES", "100"));

    HttpResponse<Buffer> r = f.post(JOBS, SUBMIT, JOB.copy().put("data", "y".repeat(200)));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(f.dbSize()).isZero();
  }

  @Test
  void routingErrorsAreProblems404405And415(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    HttpResponse<Buffer> unknown = f.get("/api/v1/nothing-here", SUBMIT);
    HttpResponse<Buffer> method = f.send(HttpMethod.PUT, "/api/v1/queues", SUBMIT, null);
    HttpResponse<Buffer> text = f.send(HttpMethod.POST, JOBS, SUBMIT,
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain"), JOB.toBuffer());
    HttpResponse<Buffer> noType = f.send(HttpMethod.POST, JOBS, SUBMIT, MultiMap.caseInsensitiveMultiMap(), JOB.toBuffer());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("NOT_FOUND");
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.bodyAsJsonObject().getString("code")).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(noType.statusCode()).isEqualTo(415);
    for (HttpResponse<Buffer> r : List.of(unknown, method, text, noType)) {
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().fieldNames()).contains("type", "title", "status", "detail", "code");
    }
    assertThat(f.dbSize()).isZero();
  }

  @Test
  void aFullQueueIs429WithRetryAfter(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of(),
        engineSettings("REDIS_MAX_JOBS_PER_QUEUE", "1"));
    assertThat(f.post(JOBS, SUBMIT, JOB).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> r = f.post(JOBS, SUBMIT, JOB);

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("QUEUE_FULL");
  }

  @Test
  void aMemoryWatermarkIs503WithRetryAfter(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of(),
        engineSettings("REDIS_MEMORY_WATERMARK", "0.001"));

    HttpResponse<Buffer> r = f.post(JOBS, SUBMIT, JOB);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("MEMORY_WATERMARK");
    assertThat(f.dbSize()).isZero();
  }

  @Test
  void aWriteNoReplicaConfirmedIs503NotDurableWithRetryAfterAndAFixedTextWithoutTheMastersAddress(Vertx vertx,
      RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of(), EngineSettings.defaults(GatewayFixture.PREFIX),
        GatewayFixture.redisSettings(redis, ACK_FROM_ONE_REPLICA), List.of());
    redis.command("SCRIPT", "FLUSH");  // a fresh master: the durable path must fall back to EVAL first

    HttpResponse<Buffer> r = f.post(JOBS, SUBMIT, JOB.copy().put("jobId", "same-id"));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("1");
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("type", "urn:vigil:problem:not-durable").put("title", "Service Unavailable").put("status", 503)
        .put("detail", "the write was not confirmed by enough replicas in time; send the same request again later "
            + "(with the same jobId it cannot create a second job)")
        .put("code", "NOT_DURABLE").put("jobIds", new io.vertx.core.json.JsonArray().add("same-id"))
        .put("jobId", "same-id"));
    assertThat(r.bodyAsString()).doesNotContain(redis.address()).doesNotContain(Integer.toString(redis.port()));
  }

  @Test
  void aNotDurableSubmissionWithoutAJobIdNamesTheMintedIdSoARetryCreatesNoSecondJob(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of(), EngineSettings.defaults(GatewayFixture.PREFIX),
        GatewayFixture.redisSettings(redis, ACK_FROM_ONE_REPLICA), List.of());

    HttpResponse<Buffer> r = f.post(JOBS, SUBMIT, JOB);
    String minted = r.bodyAsJsonObject().getString("jobId");
    HttpResponse<Buffer> retried = f.post(JOBS, SUBMIT, JOB.copy().put("jobId", minted));
    Throwable bus = vertx.eventBus().request(io.vigil.gateway.BusAddresses.SUBMIT, JOB.copy().put("queue", "q"),
        GatewayFixture.bus(SUBMIT))
        .map(m -> (Throwable) null).otherwise(e -> e).await();

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("NOT_DURABLE");
    assertThat(minted).isNotBlank();
    assertThat(r.bodyAsJsonObject().getJsonArray("jobIds").getList()).containsExactly(minted);
    assertThat(r.getHeader("Location")).isEqualTo(JOBS + "/" + minted);
    assertThat(retried.statusCode()).isEqualTo(503);
    assertThat(retried.bodyAsJsonObject().getString("jobId")).isEqualTo(minted);
    assertThat(redis.command("ZRANGE", "vt:{q}:waiting", "0", "-1")).isEqualTo(List.of(minted, busJobId(bus)));
    assertThat(((io.vertx.core.eventbus.ReplyException) bus).failureCode()).isEqualTo(503);
  }

  private static String busJobId(Throwable failure) {
    return new JsonObject(failure.getMessage()).getString("jobId");
  }

  @Test
  void aStoppedRedisIs503WithRetryAfterAndNotReadyButStillLiveAndNoResponseNamesItsAddress(Vertx vertx) {
    try (RedisNode down = TestTopologies.server(RedisServerConfig.named("ErrorStatusTest-down"))) {
      GatewayFixture f = GatewayFixture.start(vertx, down, Map.of(), EngineSettings.defaults(GatewayFixture.PREFIX),
          GatewayFixture.redisSettings(down, Map.of("REDIS_COMMAND_TIMEOUT", "1000")), List.of());
      down.stop();

      HttpResponse<Buffer> r = f.post(JOBS, SUBMIT, JOB);

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.getHeader("Retry-After")).isEqualTo("1");
      assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("REDIS_UNAVAILABLE");
      assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Redis is unavailable; retry later");
      HttpResponse<Buffer> ready = f.get("/health/ready", GatewayFixture.READ);
      HttpResponse<Buffer> anonymous = f.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.getHeader("Retry-After")).isEqualTo("1");
      assertThat(ready.bodyAsString()).contains("redis-master-script");
      assertThat(anonymous.statusCode()).isEqualTo(503);
      assertThat(anonymous.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "DOWN"));
      for (HttpResponse<Buffer> response : List.of(r, ready, anonymous)) {
        assertThat(response.bodyAsString()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(down.port()))
            .doesNotContainIgnoringCase("connection refused");
      }
      assertThat(f.get("/health/live", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aConnectionThatStallsMidRequestIsClosedAfterTheIdleTimeout(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_HTTP_IDLE_TIMEOUT_MS", "1000",
        "VIGIL_SSE_HEARTBEAT_MS", "500"), EngineSettings.defaults(GatewayFixture.PREFIX));
    NetSocket socket = vertx.createNetClient().connect(f.port, "127.0.0.1").await();
    Promise<Long> closedAfter = Promise.promise();
    long start = System.nanoTime();
    socket.closeHandler(v -> closedAfter.tryComplete((System.nanoTime() - start) / 1_000_000));

    socket.write("POST /api/v1/queues/q/jobs HTTP/1.1\r\nHost: gateway\r\n").await();
    long ms = closedAfter.future().timeout(5, TimeUnit.SECONDS).await();

    System.out.printf("slow client closed after %d ms (idle timeout 1000 ms)%n", ms);
    assertThat(ms).isBetween(900L, 2000L);
  }

  /** Streams a chunked body (no Content-Length) of {@code bytes} and returns the status the gateway answered. */
  private static int chunkedPost(Vertx vertx, int port, int bytes) {
    HttpClient http = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(JOBS).putHeader("Authorization", "Bearer " + SUBMIT).putHeader("Content-Type", "application/json");
    return http.request(options).compose(request -> {
      request.setChunked(true);
      request.write("{\"name\":\"echo\",\"data\":\"");
      Buffer chunk = Buffer.buffer("z".repeat(1000));
      for (int sent = 0; sent < bytes; sent += chunk.length()) {
        request.write(chunk);
      }
      return request.end("\"}").compose(v -> request.response()).map(HttpClientResponse::statusCode)
          .recover(e -> request.response().map(HttpClientResponse::statusCode));
    }).await();
  }

  /** The engine's defaults with one variable set, as the gateway's role reads them. */
  private static EngineSettings engineSettings(String variable, String value) {
    return EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", GatewayFixture.PREFIX, variable, value));
  }
}
