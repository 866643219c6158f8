package io.vigil.gateway.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import io.vigil.gateway.http.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every protected route: 401 without a known token, 403 when its role is too low or the
 * route's {@code {queue}} is outside the token's queue patterns. A
 * security-policy handler, so vertx-web runs it before the body handler: no valid token, no buffered body.
 */
public record AccessHandler(Authenticator authenticator, Role required) implements SecurityPolicyHandler {
  /** The context key of the {@link Caller}, for handlers that limit per token (event streams). */
  public static final String CALLER = "vigil.caller";
  private static final Logger LOG = LoggerFactory.getLogger(AccessHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (caller == null) {
      LOG.debug("auth=refused status=401 method={} route={}", ctx.request().method(), ctx.currentRoute().getPath());
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(new HttpProblem(401, "UNAUTHORIZED", "send Authorization: Bearer <token> with a valid API token"));
      return;
    }
    if (!caller.role().includes(required)) {
      LOG.info("auth=refused status=403 caller={} role={} needed={} route={}", caller.name(),
          caller.role().wireName(), required.wireName(), ctx.currentRoute().getPath());
      ctx.fail(new HttpProblem(403, "FORBIDDEN", "this operation needs the " + required.wireName() + " role"));
      return;
    }
    // The event stream names its queue in the query; a token limited to queues must name one it may use.
    String queue = ctx.pathParam("queue") != null ? ctx.pathParam("queue") : ctx.queryParams().get("queue");
    boolean queueRoute = ctx.pathParam("queue") != null || ctx.currentRoute().getPath().endsWith("/events");
    if (queueRoute && !caller.queues().allows(queue)) {
      LOG.info("auth=refused status=403 caller={} reason=queue-pattern route={}", caller.name(),
          ctx.currentRoute().getPath());
      ctx.fail(new HttpProblem(403, "FORBIDDEN", queue == null ? "this token may only read the events of its queues:"
          + " name one with ?queue=" : "this token may not use queue " + queue));
      return;
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }
}
