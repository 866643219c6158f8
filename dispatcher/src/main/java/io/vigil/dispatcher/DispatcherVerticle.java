package io.vigil.dispatcher;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks a {@link CronDispatcher} on a timer: one tick at a time (a slow tick makes the next ones skip, never
 * pile up), metrics from each report, and a log line when Redis stops or starts answering, not on every tick.
 */
public final class DispatcherVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DispatcherVerticle.class);
  private final CronDispatcher dispatcher;
  private final long tickMs;
  private final DispatcherMetrics metrics;
  private long timer = -1;
  private Future<?> inFlight = Future.succeededFuture();
  private boolean failing;

  public DispatcherVerticle(CronDispatcher dispatcher, long tickMs, DispatcherMetrics metrics) {
    this.dispatcher = dispatcher;
    this.tickMs = tickMs;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(tickMs, id -> tick());
    log.info("dispatcher started tickMs={}", tickMs);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    // Let a tick in flight finish, so its enqueued fires get their watermark written.
    return inFlight.otherwiseEmpty();
  }

  private void tick() {
    if (!inFlight.isComplete()) {
      return;
    }
    inFlight = dispatcher.tick()
        .onSuccess(report -> {
          metrics.record(report);
          if (failing) {
            failing = false;
            log.info("dispatcher ticking again");
          }
        })
        .onFailure(e -> {
          if (!failing) {
            failing = true;
            log.warn("dispatcher tick failed, retrying every tick error={}", e.toString());
          }
        });
  }
}
