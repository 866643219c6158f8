package io.vigil.dispatcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vigil.core.loop.PeriodicTask;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks a {@link CronDispatcher} on a {@link PeriodicTask} (a slow tick makes the next ones skip, never pile
 * up) and records each tick's metrics.
 */
public final class DispatcherVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DispatcherVerticle.class);
  private final CronDispatcher dispatcher;
  private final long tickMs;
  private final DispatcherMetrics metrics;
  private PeriodicTask task;

  public DispatcherVerticle(CronDispatcher dispatcher, long tickMs, DispatcherMetrics metrics) {
    this.dispatcher = dispatcher;
    this.tickMs = tickMs;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    // A composition root: the clock only times a failing streak for its log line.
    task = PeriodicTask.start(vertx, Clock.systemUTC(), "cron-dispatch", tickMs, () -> dispatcher.tick().onSuccess(metrics::record));
    log.info("dispatcher started tickMs={}", tickMs);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // Let a tick in flight finish, so its enqueued fires get their watermark written.
    return task == null ? Future.succeededFuture() : task.stop();
  }
}
