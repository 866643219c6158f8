package io.vigil.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.queue.Engine;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.metrics.GatewayMetrics;
import io.vigil.gateway.schedule.ScheduleApi;
import io.vigil.worker.WorkerDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway is built over, made once per process and shared by every gateway verticle;
 * {@code operations} are contract operations served by other modules (the report routes), by operationId.
 */
public record GatewayServices(Engine engine, ScheduleApi schedules, WorkerDirectory workers,
                              List<ReadinessCheck> readiness, PrometheusMeterRegistry registry, GatewayMetrics metrics,
                              Map<String, Handler<RoutingContext>> operations) {

  public GatewayServices {
    readiness = List.copyOf(readiness);
    operations = Map.copyOf(operations);
  }

  public static GatewayServices of(Engine engine, ScheduleApi schedules, WorkerDirectory workers,
                                   List<ReadinessCheck> readiness, PrometheusMeterRegistry registry) {
    return new GatewayServices(engine, schedules, workers, readiness, registry, new GatewayMetrics(registry), Map.of());
  }

  public GatewayServices withOperation(String operationId, Handler<RoutingContext> handler) {
    Map<String, Handler<RoutingContext>> more = new HashMap<>(operations);
    more.put(operationId, handler);
    return new GatewayServices(engine, schedules, workers, readiness, registry, metrics, more);
  }
}
