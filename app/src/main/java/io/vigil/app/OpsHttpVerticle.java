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
import io.vigil.gateway.metrics.MetricsExposure;
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
  private final MetricsExposure metrics;
  private HttpServer server;
  private HttpServer metricsServer;

  public OpsHttpVerticle(Engine engine, PrometheusMeterRegistry registry, int port, ServerTls tls,
                         MetricsExposure metrics) {
    this.engine = engine;
    this.registry = registry;
    this.port = port;
    this.tls = tls;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    // The gateway's health handlers: UP/DOWN only (no API tokens here to show details to), cached briefly.
    HealthHandlers health = new HealthHandlers(
        List.of(ReadinessCheck.of("redis-master", () -> engine.admin().listQueues().mapEmpty())), null);
    Router router = Router.router(vertx);
    router.get("/health/live").handler(health.live());
    router.get("/health/ready").handler(health.ready());
    Router metricsRouter = metrics.ownPort() ? Router.router(vertx) : router;
    metricsRouter.get("/metrics").handler(metrics.handler(registry, null));
    Future<Void> metricsListening = !metrics.ownPort() ? Future.succeededFuture()
        : vertx.createHttpServer(tls.apply(new HttpServerOptions())).requestHandler(metricsRouter)
            .listen(metrics.port()).onSuccess(s -> metricsServer = s).mapEmpty();
    return metricsListening.compose(v -> vertx.createHttpServer(tls.apply(new HttpServerOptions()))
        .requestHandler(router).listen(port)).onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return Future.join(server == null ? Future.succeededFuture() : server.close(),
        metricsServer == null ? Future.succeededFuture() : metricsServer.close());
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
