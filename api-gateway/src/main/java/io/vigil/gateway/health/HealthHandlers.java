package io.vigil.gateway.health;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.auth.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /health/live answers without touching Redis, so a Redis failover never restarts the gateway;
 * /health/ready runs every {@link ReadinessCheck} (200 when all pass, 503 with Retry-After otherwise).
 * 1. Anonymous callers get {@code {"status":"UP"}} or {@code DOWN} only, from a result at most
 *    {@link #ANONYMOUS_CACHE_MS} old: probes cannot make each call run a script on the master.
 * 2. A caller with the read role gets a fresh result naming each check with its fixed refusal.
 * 3. A check's own failure text (hosts, Redis replies) goes to the log only.
 * One instance per verticle: its cache lives on that verticle's event loop.
 */
public final class HealthHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);
  static final long CHECK_TIMEOUT_MS = 2000;
  // The broker retries a refused call (READONLY on a replica, a failover) for up to REDIS_COMMAND_TIMEOUT,
  // longer than a probe waits: a check still running then is simply not ready.
  static final long ANSWER_WITHIN_MS = CHECK_TIMEOUT_MS - 250;
  public static final long ANONYMOUS_CACHE_MS = 1000;
  private final List<ReadinessCheck> checks;
  private final Authenticator authenticator;
  private Future<JsonObject> cached;
  private long cachedAtNanos;

  /** @param authenticator who may see details; null: nobody (roles without API tokens) */
  public HealthHandlers(List<ReadinessCheck> checks, Authenticator authenticator) {
    this.checks = List.copyOf(checks);
    this.authenticator = authenticator;
  }

  public Handler<RoutingContext> live() {
    return ctx -> ctx.json(new JsonObject().put("status", "UP"));
  }

  public Handler<RoutingContext> ready() {
    return ctx -> {
      boolean details = mayReadDetails(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
      (details ? runAll() : recent()).onComplete(ar -> {
        JsonObject report = ar.succeeded() ? ar.result() : new JsonObject().put("status", "DOWN");
        boolean up = "UP".equals(report.getString("status"));
        if (!up) {
          ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        ctx.response().setStatusCode(up ? 200 : 503);
        ctx.json(details ? report : new JsonObject().put("status", report.getString("status")));
      });
    };
  }

  private boolean mayReadDetails(String authorization) {
    if (authenticator == null || authorization == null) {
      return false;
    }
    Caller caller = authenticator.authenticate(authorization);
    return caller != null && caller.role().includes(Role.READ);
  }

  private Future<JsonObject> recent() {
    long now = System.nanoTime();
    if (cached == null || now - cachedAtNanos > TimeUnit.MILLISECONDS.toNanos(ANONYMOUS_CACHE_MS)) {
      cached = runAll();
      cachedAtNanos = now;
    }
    return cached;
  }

  private Future<JsonObject> runAll() {
    List<Future<JsonObject>> results = new ArrayList<>();
    for (ReadinessCheck check : checks) {
      results.add(check.check().get().timeout(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
          .map(v -> new JsonObject().put("id", check.name()).put("status", "UP"))
          .otherwise(e -> {
            LOG.warn("readiness=failed check={} error={}", check.name(), e.getMessage());
            return new JsonObject().put("id", check.name()).put("status", "DOWN")
                .put("data", new JsonObject().put("error", check.refusal()));
          }));
    }
    return Future.all(results).map(all -> {
      JsonArray list = new JsonArray();
      boolean up = true;
      for (Future<JsonObject> result : results) {
        list.add(result.result());
        up &= "UP".equals(result.result().getString("status"));
      }
      return new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", list);
    });
  }
}
