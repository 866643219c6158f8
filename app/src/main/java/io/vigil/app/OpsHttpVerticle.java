package io.vigil.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vigil.core.queue.Engine;
import io.vigil.gateway.health.HealthHandlers;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.http.ServerTls;
import java.util.List;

/**
 * Health and metrics for roles without the gateway (workers, dispatchers): {@code /health/live} never
 * touches Redis, {@code /health/ready} makes a real round trip to the master, {@code /metrics} is Prometheus.
 */
public final class OpsHttpVerticle extends VerticleBase {
  private final Engine engine;
  private final PrometheusMeterRegistry registry;
  private final int port;
  private final ServerTls tls;
  private HttpServer server;

  public OpsHttpVerticle(Engine engine, PrometheusMeterRegistry registry, int port, ServerTls tls) {
    this.engine = engine;
    this.registry = registry;
    this.port = port;
    this.tls = tls;
  }

  @Override
  public Future<?> start() {
    // The gateway's health handlers: the same fixed refusals and Retry-After on 503.
    HealthHandlers health = new HealthHandlers(vertx,
        List.of(ReadinessCheck.of("redis-master", () -> engine.admin().listQueues().mapEmpty())));
    Router router = Router.router(vertx);
    router.get("/health/live").handler(health.live());
    router.get("/health/ready").handler(health.ready());
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
    return vertx.createHttpServer(tls.apply(new HttpServerOptions())).requestHandler(router).listen(port).onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
