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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /health/live answers without touching Redis, so a Redis failover never restarts the gateway; /health/ready
 * runs every {@link ReadinessCheck}: 503 with Retry-After naming the failing ones (their causes go to the log).
 */
public final class HealthHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);
  static final long CHECK_TIMEOUT_MS = 2000;
  // The broker retries a refused call (READONLY on a replica, a failover) for up to REDIS_COMMAND_TIMEOUT,
  // longer than a probe waits. A check still running at CHECK_TIMEOUT_MS would be a failed procedure (500);
  // ending it a little earlier makes it what it is: not ready (503, naming the check).
  static final long ANSWER_WITHIN_MS = CHECK_TIMEOUT_MS - 250;
  private final HealthChecks live;
  private final HealthChecks ready;

  public HealthHandlers(Vertx vertx, List<ReadinessCheck> checks) {
    this.live = HealthChecks.create(vertx).register("process", promise -> promise.complete(Status.OK()));
    this.ready = HealthChecks.create(vertx);
    for (ReadinessCheck check : checks) {
      ready.register(check.name(), CHECK_TIMEOUT_MS, promise -> check.check().get()
          .timeout(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
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
