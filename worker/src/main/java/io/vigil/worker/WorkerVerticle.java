package io.vigil.worker;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vigil.core.consume.JobHandler;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.core.queue.Engine;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker instance: consumes its queues, listens on {@value #CANCEL_ADDRESS} and renews its registration; on
 * stop, running jobs get the grace period, the rest go back to waiting, then it deregisters.
 */
public final class WorkerVerticle extends VerticleBase {
  /** Published (not sent) with a {@link CancelRequest} body; every worker hears it. */
  public static final String CANCEL_ADDRESS = "vigil.jobs.cancel";
  private static final Logger log = LoggerFactory.getLogger(WorkerVerticle.class);

  private final Engine engine;
  private final WorkerSettings settings;
  private final String instanceId;
  private final JobHandler handler;
  private final WorkerRegistry registry;
  private final ProcessorListener listener;
  private QueueConsumers consumers;
  private MessageConsumer<Object> cancels;
  private PeriodicTask heartbeat;
  private long startedAt;

  public WorkerVerticle(Engine engine, WorkerSettings settings, String instanceId, JobHandler handler,
                        WorkerRegistry registry, ProcessorListener listener) {
    this.engine = engine;
    this.settings = settings;
    this.instanceId = instanceId;
    this.handler = handler;
    this.registry = registry;
    this.listener = listener;
  }

  /** Deploys {@code settings.instances()} instances with ids {@link WorkerSettings#instanceId(int)}. */
  public static Future<String> deploy(Vertx vertx, Engine engine, WorkerSettings settings, JobHandler handler,
                                      WorkerRegistry registry, ProcessorListener listener) {
    AtomicInteger next = new AtomicInteger();
    return vertx.deployVerticle(() -> new WorkerVerticle(engine, settings, settings.instanceId(next.incrementAndGet()),
        handler, registry, listener), new DeploymentOptions().setInstances(settings.instances()));
  }

  @Override
  public Future<?> start() {
    startedAt = engine.clock().millis();
    consumers = new QueueConsumers(vertx, engine, settings.queues(), instanceId, settings.concurrency(), handler, listener);
    cancels = vertx.eventBus().consumer(CANCEL_ADDRESS, message -> CancelRequest.fromBody(message.body())
        .filter(request -> consumers.cancel(request.queue(), request.jobId(), request.reason()))
        .ifPresent(request -> log.info("job cancelled workerId={} queue={} jobId={}", instanceId, request.queue(), request.jobId())));
    return cancels.completion()
        .compose(registered -> consumers.start())
        .compose(started -> {
          heartbeat = PeriodicTask.start(vertx, engine.clock(), "worker-heartbeat workerId=" + instanceId,
              settings.heartbeatMs(), this::register);
          // Registered before reporting started; a failure is logged by the task and the next beat tries again.
          return heartbeat.runNow().otherwiseEmpty();
        })
        .onSuccess(registered -> {
          log.info("worker started workerId={} queues={} concurrency={}", instanceId, settings.queues(), settings.concurrency());
        });
  }

  @Override
  public Future<?> stop() {
    log.info("worker stopping workerId={} activeJobs={} graceMs={}", instanceId, consumers.activeJobs(), settings.shutdownGraceMs());
    // A beat still in flight must land before deregistering, or it would register the worker again.
    Future<Void> beats = heartbeat == null ? Future.succeededFuture() : heartbeat.stop();
    return beats.compose(v -> cancels.unregister().otherwiseEmpty())
        .compose(unregistered -> consumers.stop(settings.shutdownGraceMs()))
        .compose(stopped -> registry.remove(instanceId)
            .onFailure(e -> log.warn("worker deregistration failed workerId={} error={}", instanceId, e.toString()))
            .otherwiseEmpty())
        .onComplete(ar -> log.info("worker stopped workerId={}", instanceId));
  }

  private Future<Void> register() {
    WorkerInfo info = new WorkerInfo(instanceId, settings.host(), ProcessHandle.current().pid(), settings.queues(),
        settings.concurrency(), consumers.activeJobs(), startedAt, 0);
    return registry.heartbeat(info);
  }
}
