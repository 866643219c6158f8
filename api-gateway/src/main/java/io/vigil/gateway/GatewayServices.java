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
 * What the gateway is built over, made once per process by the app and shared by every gateway verticle
 * instance.
 *
 * @param engine the queue engine on the shared (Sentinel-aware) broker
 * @param readiness extra readiness checks beyond the master script round trip (Sentinel quorum)
 * @param registry the Prometheus registry Vert.x reports into; /metrics scrapes it
 * @param operations handlers of contract operations implemented in other modules (the report routes), by
 *     operationId; they run behind the same access and validation handlers as the gateway's own
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

  /** The same services plus the handler of one contract operation served by another module. */
  public GatewayServices withOperation(String operationId, Handler<RoutingContext> handler) {
    Map<String, Handler<RoutingContext>> more = new HashMap<>(operations);
    more.put(operationId, handler);
    return new GatewayServices(engine, schedules, workers, readiness, registry, metrics, more);
  }
}
