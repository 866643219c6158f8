package io.vigil.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vigil.core.queue.Engine;

/**
 * Health and metrics for roles without the gateway (workers, dispatchers): {@code /health/live} never
 * touches Redis, {@code /health/ready} makes a real round trip to the master, {@code /metrics} is Prometheus.
 */
public final class OpsHttpVerticle extends VerticleBase {
  private static final long READY_TIMEOUT_MS = 2_000;
  private final Engine engine;
  private final PrometheusMeterRegistry registry;
  private final int port;
  private HttpServer server;

  public OpsHttpVerticle(Engine engine, PrometheusMeterRegistry registry, int port) {
    this.engine = engine;
    this.registry = registry;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HealthChecks live = HealthChecks.create(vertx);
    live.register("event-loop", promise -> promise.complete(Status.OK()));
    HealthChecks ready = HealthChecks.create(vertx);
    ready.register("redis-master", READY_TIMEOUT_MS, promise -> engine.admin().listQueues()
        .onSuccess(queues -> promise.complete(Status.OK(new JsonObject().put("queues", queues.size()))))
        .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", e.getMessage())))));
    Router router = Router.router(vertx);
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(live));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(ready));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
    return vertx.createHttpServer().requestHandler(router).listen(port).onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
