package io.vigil.gateway.support;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.gateway.GatewayServices;
import io.vigil.gateway.GatewaySettings;
import io.vigil.gateway.GatewayVerticle;
import io.vigil.gateway.contract.ContractResponses;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.schedule.ScheduleApi;
import io.vigil.topology.RedisNode;
import io.vigil.worker.WorkerInfo;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A gateway verticle on a free port over a real Redis, with a web client and direct Redis reads. */
public final class GatewayFixture {
  public static final String PREFIX = "vt";
  public static final String READ = "reader-token-0000000001";
  public static final String SUBMIT = "submit-token-0000000001";
  public static final String ADMIN = "admin-token-00000000001";
  public static final String TOKENS = "reader:" + READ + ":read,submitter:" + SUBMIT + ":submit,admin:" + ADMIN + ":admin";
  public final Vertx vertx;
  public final RedisNode redis;
  public final Broker broker;
  public final Engine engine;
  public final PrometheusMeterRegistry registry;
  public final GatewaySettings settings;
  public final MemorySchedules schedules = new MemorySchedules();
  private final SwitchableSchedules scheduleApi = new SwitchableSchedules(schedules);
  public final GatewayServices services;
  public final WebClient client;
  public final int port;
  /** Every response that {@link #send} receives is checked against the contract. */
  private final ContractResponses contract;

  private GatewayFixture(Vertx vertx, RedisNode redis, Map<String, String> env, EngineSettings engineSettings,
                         Broker broker, PrometheusMeterRegistry registry, List<ReadinessCheck> checks) {
    this.vertx = vertx;
    this.redis = redis;
    this.broker = broker;
    this.engine = Engine.create(broker, engineSettings, Clock.systemUTC(), false);
    this.registry = registry;
    Map<String, String> all = new HashMap<>(Map.of("VIGIL_HTTP_PORT", "0", "VIGIL_API_TOKENS", TOKENS,
        "VIGIL_RELAY_POLL_MS", "50", "VIGIL_SSE_POLL_MS", "50", "VIGIL_EVENT_RELAY", "false"));
    all.putAll(env);
    this.settings = GatewaySettings.fromEnv(all);
    this.services = GatewayServices.of(engine, scheduleApi,
        () -> io.vertx.core.Future.succeededFuture(List.of(new WorkerInfo("w-1", "h1", 1, List.of("q"), 1, 0, 0, 0))),
        checks, registry)
        // Stand-ins for the report module's handlers: they echo what reached them.
        .withOperation("getReport", ctx -> ctx.json(new JsonObject().put("jobId", ctx.pathParam("jobId"))))
        .withOperation("getLatestReport", ctx -> ctx.json(new JsonObject().put("projectId", ctx.pathParam("projectId"))));
    GatewayVerticle verticle = new GatewayVerticle(settings, services);
    vertx.deployVerticle(verticle).await();
    this.port = verticle.actualPort();
    this.client = WebClient.create(vertx);
    this.contract = ContractResponses.load(vertx);
  }

  public static GatewayFixture start(Vertx vertx, RedisNode redis) {
    return start(vertx, redis, Map.of(), EngineSettings.defaults(PREFIX));
  }

  public static GatewayFixture start(Vertx vertx, RedisNode redis, Map<String, String> env, EngineSettings engine) {
    return start(vertx, redis, env, engine, redisSettings(redis), List.of());
  }

  /** Delivery options carrying {@code token} the way event-bus submitters must (like REST's header). */
  public static io.vertx.core.eventbus.DeliveryOptions bus(String token) {
    return new io.vertx.core.eventbus.DeliveryOptions().addHeader("authorization", "Bearer " + token);
  }

  /** The shipped broker's standalone settings for {@code redis}, with a 2 s call budget so failures show fast. */
  public static RedisSettings redisSettings(RedisNode redis) {
    return redisSettings(redis, Map.of());
  }

  /** As {@link #redisSettings(RedisNode)}, with more REDIS_* variables set (they win over the 2 s budget). */
  public static RedisSettings redisSettings(RedisNode redis, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("REDIS_HOST", redis.host(), "REDIS_PORT",
        Integer.toString(redis.port()), "REDIS_COMMAND_TIMEOUT", "2000"));
    all.putAll(env);
    return RedisSettings.fromEnv(all);
  }

  public static GatewayFixture start(Vertx vertx, RedisNode redis, Map<String, String> env, EngineSettings engine,
                                     RedisSettings broker, List<ReadinessCheck> checks) {
    redis.flushAll();
    return new GatewayFixture(vertx, redis, env, engine, RedisConnector.connect(vertx, broker).await(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), checks);
  }

  /** A gateway over a broker built elsewhere (Sentinel mode); {@code master} is read for key counts. */
  public static GatewayFixture start(Vertx vertx, RedisNode master, Broker broker, List<ReadinessCheck> checks) {
    return start(vertx, master, broker, checks, Map.of());
  }

  /** The same with gateway settings {@code env} over the defaults. */
  public static GatewayFixture start(Vertx vertx, RedisNode master, Broker broker, List<ReadinessCheck> checks,
                                     Map<String, String> env) {
    master.flushAll();
    return new GatewayFixture(vertx, master, env, EngineSettings.defaults(PREFIX), broker,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), checks);
  }

  public static GatewayFixture start(Vertx vertx, RedisNode redis, PrometheusMeterRegistry registry) {
    redis.flushAll();
    return new GatewayFixture(vertx, redis, Map.of(), EngineSettings.defaults(PREFIX),
        RedisConnector.connect(vertx, redisSettings(redis)).await(), registry, List.of());
  }

  /** Serves the schedule routes from {@code api} instead of the in-memory schedules. */
  public void useSchedules(ScheduleApi api) {
    scheduleApi.use(api);
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, path, token, body == null ? null : body.toBuffer());
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, Buffer body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (body != null) {
      headers.add("Content-Type", "application/json");
    }
    return send(method, path, token, headers, body);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, MultiMap headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path).putHeaders(headers);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(body)).await();
    contract.check(method, path, response);
    return response;
  }

  /** Keys except the short-lived records of durable calls ({@code :op:}, PX 60 s). */
  public long stateKeyCount() {
    return ((java.util.List<?>) redis.command("KEYS", "*")).stream().filter(k -> !String.valueOf(k).contains(":op:")).count();
  }

  public long dbSize() {
    return (Long) redis.command("DBSIZE");
  }
}
