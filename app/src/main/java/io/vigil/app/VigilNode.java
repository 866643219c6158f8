package io.vigil.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vigil.dispatcher.CronDispatcher;
import io.vigil.dispatcher.ScheduleStore;
import io.vigil.core.failover.FailoverReconciler;
import io.vigil.core.queue.Engine;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.gateway.GatewayServices;
import io.vigil.gateway.GatewayVerticle;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.schedule.StoreScheduleApi;
import io.vigil.report.ReportGenerationHandler;
import io.vigil.report.ReportRoutes;
import io.vigil.worker.HandlerRegistry;
import io.vigil.worker.JobRunLog;
import io.vigil.worker.WorkerMetrics;
import io.vigil.worker.WorkerRegistry;
import io.vigil.worker.WorkerVerticle;
import io.vigil.dispatcher.DispatcherVerticle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Vigil JVM.
 * 1. Builds Vert.x (clustered when members are set) and the one Sentinel-aware broker all verticles share.
 * 2. Deploys the verticles of its roles, and health/metrics HTTP for roles without the gateway.
 * 3. Shuts down in order: gateway, dispatcher, workers (graceful: they finish or hand back jobs), then
 *    Redis and Vert.x. Undeploying first matters: closing Vert.x would close the broker before the
 *    workers could hand their jobs back.
 */
public final class VigilNode {
  private static final Logger log = LoggerFactory.getLogger(VigilNode.class);
  private final Vertx vertx;
  private final FailoverBroker broker;
  private final Engine engine;
  private final List<String> deployments = new ArrayList<>();
  private final List<Runnable> closers = new ArrayList<>();
  private int httpPort = -1;

  private VigilNode(Vertx vertx, FailoverBroker broker, Engine engine) {
    this.vertx = vertx;
    this.broker = broker;
    this.engine = engine;
  }

  public static Future<VigilNode> start(NodeSettings settings) {
    // The composition root: one wall clock for the broker and the engine.
    Clock clock = Clock.systemUTC();
    return VertxFactory.create(settings.cluster()).compose(vertx -> RedisConnector.connect(vertx, settings.redis(), clock)
        .compose(broker -> {
          Engine engine = Engine.create(broker, settings.engine(), clock, settings.redis().durableFinish());
          VigilNode node = new VigilNode(vertx, broker, engine);
          return node.deploy(settings).map(node);
        })
        .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e))));
  }

  private Future<Void> deploy(NodeSettings settings) {
    PrometheusMeterRegistry registry = (PrometheusMeterRegistry) BackendRegistries.getDefaultNow();
    NodeMetrics metrics = NodeMetrics.bind(vertx, engine, broker, registry);
    closers.add(metrics::stop);
    WorkerRegistry workers = new WorkerRegistry(broker, settings.engine().prefix(), engine.clock(),
        settings.worker() != null ? settings.worker().registrationTtlMs() : 15_000);
    Future<Void> chain = Future.succeededFuture();
    if (settings.roles().contains(Role.WORKER)) {
      chain = chain.compose(v -> deployWorkers(settings, registry, workers));
    }
    if (settings.roles().contains(Role.DISPATCHER)) {
      CronDispatcher dispatcher = new CronDispatcher(new ScheduleStore(broker, settings.engine().prefix(), engine.clock()),
          engine.enqueuer(), engine.clock(), settings.dispatcher());
      chain = chain.compose(v -> record(vertx.deployVerticle(
          new DispatcherVerticle(dispatcher, settings.dispatcher().tickMs(), registry))));
    }
    if (settings.roles().contains(Role.GATEWAY)) {
      GatewayServices services = GatewayServices.of(engine,
          new StoreScheduleApi(new ScheduleStore(broker, settings.engine().prefix(), engine.clock())),
          workers,
          settings.redis().sentinelMode() ? List.of(ReadinessCheck.sentinelQuorum(broker::status)) : List.of(),
          registry)
          .withOperation("getReport", new ReportRoutes(engine)::byJob)
          .withOperation("getLatestReport", new ReportRoutes(engine)::latest);
      GatewayVerticle[] first = new GatewayVerticle[1];
      chain = chain.compose(v -> record(vertx.deployVerticle(() -> {
        GatewayVerticle verticle = new GatewayVerticle(settings.gateway(), services);
        if (first[0] == null) {
          first[0] = verticle;
        }
        return verticle;
      }, new DeploymentOptions().setInstances(settings.gatewayInstances())))
          .onSuccess(v2 -> httpPort = first[0].actualPort()));
    } else {
      OpsHttpVerticle ops = new OpsHttpVerticle(engine, registry, settings.httpPort(), settings.httpTls(),
          settings.metrics());
      chain = chain.compose(v -> record(vertx.deployVerticle(ops)).onSuccess(v2 -> httpPort = ops.actualPort()));
    }
    return chain;
  }

  private Future<Void> deployWorkers(NodeSettings settings, PrometheusMeterRegistry registry, WorkerRegistry workers) {
    HandlerRegistry handlers = HandlerRegistry.withBuiltIns();
    ReportGenerationHandler reports = ReportGenerationHandler.create(vertx, engine, settings.report());
    handlers.register(ReportGenerationHandler.JOB_NAME, reports);
    closers.add(() -> reports.close());
    FailoverReconciler.forAllQueues(engine).attachTo(broker);
    return record(WorkerVerticle.deploy(vertx, engine, settings.worker(), handlers, workers,
        new JobRunLog(new WorkerMetrics(registry).forQueues(settings.worker().queues()))));
  }

  private Future<Void> record(Future<String> deployment) {
    return deployment.onSuccess(deployments::add).mapEmpty();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Engine engine() {
    return engine;
  }

  /** The gateway's, or the health/metrics server's. */
  public int httpPort() {
    return httpPort;
  }

  /** On SIGTERM or Ctrl-C stops this node gracefully, then runs {@code after}; the latch opens once both are done. */
  public CountDownLatch stopOnShutdown(Runnable after) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutdown=begin");
      try {
        stop().toCompletionStage().toCompletableFuture().get();
      } catch (Exception e) {
        log.warn("shutdown=failed error={}", e.toString());
      } finally {
        after.run();
        log.info("shutdown=done");
        stopped.countDown();
      }
    }, "vigil-shutdown"));
    return stopped;
  }

  /** Graceful stop: verticles in reverse order of deployment, then the broker, then Vert.x. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id).recover(e -> {
        log.warn("undeploy failed deployment={} error={}", id, e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain
        .onComplete(ar -> closers.forEach(Runnable::run))
        .compose(v -> broker.close())
        .eventually(() -> vertx.close())
        .recover(e -> Future.succeededFuture());
  }
}
