package io.vigil.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.core.error.QueueLimitException;
import io.vigil.core.queue.Engine;
import io.vigil.settings.SettingsException;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.contract.BodySchema;
import io.vigil.gateway.contract.Contract;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.bridge.BridgeGuard;
import io.vigil.gateway.bridge.EventBusBridges;
import io.vigil.gateway.events.EventRelay;
import io.vigil.gateway.events.RelayLease;
import io.vigil.gateway.http.ApiRouter;
import io.vigil.gateway.http.InvalidRequests;
import io.vigil.gateway.http.ProblemMapper;
import io.vigil.gateway.stats.MinuteCounts;
import io.vigil.gateway.submit.SubmitConsumer;
import io.vigil.gateway.submit.Submitter;
import io.vigil.gateway.ui.DashboardRoutes;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway role: wires the contract router to an HTTP server, the submit consumer to the event bus and
 * the event relay to a timer. Any number of instances may be deployed; they share the port.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private final GatewaySettings settings;
  private final GatewayServices services;
  private HttpServer server;
  private HttpServer metricsServer;
  private MessageConsumer<Object> submitConsumer;
  private EventRelay relay;
  private PeriodicTask relayTask;
  private EventBusBridges bridges;

  public GatewayVerticle(GatewaySettings settings, GatewayServices services) {
    this.settings = settings;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    Engine engine = services.engine();
    if (settings.relayEnabled()) {
      RelayLease lease = new RelayLease(engine.broker(), engine.settings().prefix(), UUID.randomUUID().toString(),
          settings.relayLeaseMs());
      relay = new EventRelay(vertx.eventBus(), engine.admin(), engine.events(), lease, services.metrics(),
          new MinuteCounts(engine.broker(), engine.settings().prefix()));
      relayTask = PeriodicTask.start(vertx, engine.clock(), "event-relay", settings.relayPollMs(), relay::tick);
    }
    // No HTTP/2 over plain TCP (h2c): the API is HTTP/1.1, and an h2c upgrade of a request with a body was
    // answered by Vert.x with a bodiless 400 after the idle timeout.
    HttpServerOptions options = settings.tls().apply(new HttpServerOptions().setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) settings.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    return Contract.load(vertx).compose(contract -> {
      submitConsumer = vertx.eventBus().consumer(BusAddresses.SUBMIT,
          new SubmitConsumer(new Submitter(engine, services.metrics()), BodySchema.of(contract, "submitJob"),
              new ProblemMapper(services.metrics()), new Authenticator(settings.tokens())));
      Router router = ApiRouter.build(vertx, settings, services, contract);
      DashboardRoutes.mount(router);
      bridges = new EventBusBridges(vertx, settings.bridge(),
          new BridgeGuard(new Authenticator(settings.tokens()), new ProblemMapper(services.metrics())));
      // Registered cluster-wide before the verticle reports started.
      return submitConsumer.completion().compose(v -> declareQueues(engine)).compose(v -> bridges.start())
          .compose(v -> listenForMetrics())
          .compose(v -> vertx.createHttpServer(options).requestHandler(router)
              .invalidRequestHandler(new InvalidRequests(new ProblemMapper(services.metrics())))
              .listen(settings.httpPort(), bindHost()));
    }).onSuccess(s -> {
      server = s;
      LOG.info("gateway=started port={} settings={}", s.actualPort(), settings);
    });
  }

  /**
   * VIGIL_QUEUES: declared before the API listens. More than VIGIL_MAX_QUEUES is a configuration error that
   * stops the start; Redis not answering is logged and the start goes on (an admin can PUT the queue later).
   */
  private static Future<Void> declareQueues(Engine engine) {
    return engine.queues().declareAtStart().recover(e -> {
      if (e instanceof QueueLimitException) {
        return Future.failedFuture(new SettingsException("VIGIL_QUEUES", e.getMessage()));
      }
      LOG.warn("queues=declare-failed VIGIL_QUEUES={} error={}", engine.settings().queues().declaredAtStart(),
          e.getMessage());
      return Future.succeededFuture();
    });
  }

  /**
   * VIGIL_METRICS_PORT: /metrics alone on a server of its own (shared by the instances, like the API port),
   * meant for a private interface: only VIGIL_METRICS_TOKEN, when set, is asked for there.
   */
  private Future<Void> listenForMetrics() {
    if (!settings.metrics().ownPort()) {
      return Future.succeededFuture();
    }
    Router metrics = Router.router(vertx);
    metrics.get("/metrics").handler(settings.metrics().handler(services.registry(), null));
    return vertx.createHttpServer(settings.tls().apply(new HttpServerOptions())).requestHandler(metrics)
        .listen(settings.metrics().port()).onSuccess(s -> metricsServer = s).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    // The lease is released after the last tick, which could otherwise take it again.
    Future<Void> released = relay == null ? Future.succeededFuture()
        : relayTask.stop().compose(v -> relay.stop()).recover(e -> Future.succeededFuture());
    return Future.join(released, submitConsumer == null ? Future.succeededFuture() : submitConsumer.unregister(),
        server == null ? Future.succeededFuture() : server.close(),
        bridges == null ? Future.succeededFuture() : bridges.stop(),
        metricsServer == null ? Future.succeededFuture() : metricsServer.close());
  }

  /** VIGIL_INSECURE (everyone is admin) serves this machine only; otherwise every interface. */
  private String bindHost() {
    if (settings.insecure()) {
      LOG.warn("gateway=insecure VIGIL_INSECURE=true: no API tokens, every caller is admin; listening on 127.0.0.1 only");
      return "127.0.0.1";
    }
    return "0.0.0.0";
  }

  /** The port the server listens on (useful with VIGIL_HTTP_PORT=0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
