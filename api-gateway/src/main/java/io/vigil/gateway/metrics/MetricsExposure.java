package io.vigil.gateway.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.auth.Role;
import io.vigil.gateway.http.Problem;
import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read /metrics (queue names and counts) and where it is served.
 * 1. With a token, {@code Authorization: Bearer <token>} is required wherever it is served.
 * 2. Without one: on the gateway a token with the read role; on roles without API tokens, anyone who
 *    reaches the port (keep it private, or set a port or a token).
 * 3. With a port, /metrics moves to a server of its own on that port and leaves the main HTTP port.
 *
 * @param port VIGIL_METRICS_PORT, 0 = served on VIGIL_HTTP_PORT
 * @param token VIGIL_METRICS_TOKEN, at least 16 characters; null = none
 */
public record MetricsExposure(int port, String token) {
  public MetricsExposure {
    SettingsException.require(port >= 0 && port <= 65535, "VIGIL_METRICS_PORT", "must be a port number, got " + port);
    SettingsException.require(token == null || token.length() >= 16, "VIGIL_METRICS_TOKEN",
        "must be at least 16 characters");
  }

  public static MetricsExposure fromEnv(EnvReader r) {
    return new MetricsExposure(r.integer("VIGIL_METRICS_PORT", 0, 0, 65535), r.secret("VIGIL_METRICS_TOKEN"));
  }

  public boolean ownPort() {
    return port > 0;
  }

  /** The scrape handler; {@code readers}: API tokens whose read role may scrape, null when the role has none. */
  public Handler<RoutingContext> handler(PrometheusMeterRegistry registry, Authenticator readers) {
    return ctx -> {
      if (!allowed(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), readers)) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
            .end(new Problem(401, "UNAUTHORIZED", "Unauthorized", "send Authorization: Bearer <token> with a token that may read metrics", 0).toJson().encode());
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape());
    };
  }

  private boolean allowed(String authorization, Authenticator readers) {
    if (token != null) {
      String expected = "Bearer " + token;
      return authorization != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
          authorization.getBytes(StandardCharsets.UTF_8));
    }
    if (readers == null) {
      return true;
    }
    Caller caller = readers.authenticate(authorization);
    return caller != null && caller.role().includes(Role.READ);
  }

  @Override
  public String toString() {
    return "metrics[port=" + (ownPort() ? port : "http") + ", token=" + (token == null ? "none" : "***") + "]";
  }
}
