package io.vigil.core.consume;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.core.queue.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a queue's stalled-job check on a timer, one at a time; the script's guard keeps it to one worker per interval. */
final class StalledChecker {
  private static final Logger log = LoggerFactory.getLogger(StalledChecker.class);
  private final Vertx vertx;
  private final Engine engine;
  private final String queue;
  private final ProcessorListener listener;
  private PeriodicTask task;

  StalledChecker(Vertx vertx, Engine engine, String queue, ProcessorListener listener) {
    this.vertx = vertx;
    this.engine = engine;
    this.queue = queue;
    this.listener = listener;
  }

  void start() {
    task = PeriodicTask.start(vertx, engine.clock(), "stalled-check queue=" + queue,
        engine.settings().stalledIntervalMs(), this::tick);
  }

  Future<Void> stop() {
    return task == null ? Future.succeededFuture() : task.stop();
  }

  private Future<?> tick() {
    return engine.recovery().recoverStalled(queue, false)
        .onSuccess(report -> {
          if (report.ran() && (report.requeued() > 0 || report.failed() > 0)) {
            listener.stalledRecovered(queue, report.requeued(), report.failed());
            log.info("stalled jobs recovered queue={} requeued={} failed={}", queue, report.requeued(), report.failed());
          }
        })
        .onFailure(e -> listener.redisError(queue, e));
  }
}
