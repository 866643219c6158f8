package io.vigil.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vigil.core.loop.PeriodicTask;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks a {@link CronDispatcher} on a {@link PeriodicTask} (a slow tick makes the next ones skip, never pile
 * up) and counts {@code vigil_dispatcher_fires_total} (fire jobs this dispatcher created, so the sum over
 * dispatchers is one per fire) and {@code vigil_dispatcher_misfires_total}.
 */
public final class DispatcherVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DispatcherVerticle.class);
  private final CronDispatcher dispatcher;
  private final long tickMs;
  private final Counter fires;
  private final Counter misfires;
  private PeriodicTask task;

  public DispatcherVerticle(CronDispatcher dispatcher, long tickMs, MeterRegistry registry) {
    this.dispatcher = dispatcher;
    this.tickMs = tickMs;
    this.fires = Counter.builder("vigil.dispatcher.fires").description("Cron fire jobs created").register(registry);
    this.misfires = Counter.builder("vigil.dispatcher.misfires")
        .description("Cron fires found later than the misfire threshold").register(registry);
  }

  @Override
  public Future<?> start() {
    // A composition root: the clock only times a failing streak for its log line.
    task = PeriodicTask.start(vertx, Clock.systemUTC(), "cron-dispatch", tickMs,
        () -> dispatcher.tick().onSuccess(report -> {
          fires.increment(report.created());
          misfires.increment(report.misfires());
        }));
    log.info("dispatcher started tickMs={}", tickMs);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // Let a tick in flight finish, so its enqueued fires get their watermark written.
    return task == null ? Future.succeededFuture() : task.stop();
  }
}
