package io.vigil.gateway.health;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /health/live answers without touching Redis, so a Redis failover never restarts the gateway;
 * /health/ready runs every {@link ReadinessCheck} (200 when all pass, 503 with Retry-After naming the
 * failing ones with their fixed refusal; the causes, which name hosts, go to the log).
 */
public final class HealthHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);
  static final long CHECK_TIMEOUT_MS = 2000;
  private final HealthChecks live;
  private final HealthChecks ready;

  public HealthHandlers(Vertx vertx, List<ReadinessCheck> checks) {
    this.live = HealthChecks.create(vertx).register("process", promise -> promise.complete(Status.OK()));
    this.ready = HealthChecks.create(vertx);
    for (ReadinessCheck check : checks) {
      ready.register(check.name(), CHECK_TIMEOUT_MS, promise -> check.check()
          .onSuccess(v -> promise.complete(Status.OK()))
          .onFailure(e -> {
            LOG.warn("readiness=failed check={} error={}", check.name(), e.getMessage());
            promise.complete(Status.KO(new JsonObject().put("error", check.refusal())));
          }));
    }
  }

  public Handler<RoutingContext> live() {
    return HealthCheckHandler.createWithHealthChecks(live);
  }

  public Handler<RoutingContext> ready() {
    Handler<RoutingContext> handler = HealthCheckHandler.createWithHealthChecks(ready);
    return ctx -> {
      ctx.addHeadersEndHandler(v -> {
        if (ctx.response().getStatusCode() == 503) {
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        }
      });
      handler.handle(ctx);
    };
  }
}
