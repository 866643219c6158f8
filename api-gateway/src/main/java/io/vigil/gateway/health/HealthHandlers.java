package io.vigil.gateway.health;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;

/**
 * /health/live answers without touching Redis, so a Redis failover never restarts the gateway;
 * /health/ready runs every {@link ReadinessCheck} (200 when all pass, 503 naming the failing ones).
 */
public final class HealthHandlers {
  static final long CHECK_TIMEOUT_MS = 2000;
  private final HealthChecks live;
  private final HealthChecks ready;

  public HealthHandlers(Vertx vertx, List<ReadinessCheck> checks) {
    this.live = HealthChecks.create(vertx).register("process", promise -> promise.complete(Status.OK()));
    this.ready = HealthChecks.create(vertx);
    for (ReadinessCheck check : checks) {
      ready.register(check.name(), CHECK_TIMEOUT_MS, promise -> check.check()
          .onSuccess(v -> promise.complete(Status.OK()))
          .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", String.valueOf(e.getMessage()))))));
    }
  }

  public Handler<RoutingContext> live() {
    return HealthCheckHandler.createWithHealthChecks(live);
  }

  public Handler<RoutingContext> ready() {
    return HealthCheckHandler.createWithHealthChecks(ready);
  }
}
