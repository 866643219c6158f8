package io.vigil.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Dispatcher metrics; Prometheus shows {@code vigil_dispatcher_fires_total} (jobs this dispatcher created for
 * fires, so the sum over dispatchers is one per fire) and {@code vigil_dispatcher_misfires_total}.
 */
public final class DispatcherMetrics {
  private final Counter fires;
  private final Counter misfires;

  public DispatcherMetrics(MeterRegistry registry) {
    this.fires = Counter.builder("vigil.dispatcher.fires").description("Cron fire jobs created").register(registry);
    this.misfires = Counter.builder("vigil.dispatcher.misfires")
        .description("Cron fires found later than the misfire threshold").register(registry);
  }

  public void record(TickReport report) {
    fires.increment(report.created());
    misfires.increment(report.misfires());
  }
}
