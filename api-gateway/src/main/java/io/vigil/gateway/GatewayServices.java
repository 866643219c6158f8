package io.vigil.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.core.queue.Engine;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.metrics.GatewayMetrics;
import io.vigil.gateway.schedule.ScheduleApi;
import io.vigil.gateway.worker.WorkerDirectory;
import java.util.List;

/**
 * What the gateway is built over, made once per process by the app and shared by every gateway verticle
 * instance.
 *
 * @param engine the queue engine on the shared (Sentinel-aware) broker
 * @param readiness extra readiness checks beyond the master script round trip (Sentinel quorum)
 * @param registry the Prometheus registry Vert.x reports into; /metrics scrapes it
 */
public record GatewayServices(Engine engine, ScheduleApi schedules, WorkerDirectory workers,
                              List<ReadinessCheck> readiness, PrometheusMeterRegistry registry, GatewayMetrics metrics) {

  public GatewayServices {
    readiness = List.copyOf(readiness);
  }

  public static GatewayServices of(Engine engine, ScheduleApi schedules, WorkerDirectory workers,
                                   List<ReadinessCheck> readiness, PrometheusMeterRegistry registry) {
    return new GatewayServices(engine, schedules, workers, readiness, registry, new GatewayMetrics(registry));
  }
}
