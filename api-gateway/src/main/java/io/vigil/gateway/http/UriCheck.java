package io.vigil.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a path or query string that is not valid percent-encoding (a lone {@code %}, {@code %zz}) with a 400
 * problem before any operation's route is matched: matching a route decodes its path parameters and the query,
 * and that failure would otherwise end as a 500, or as vertx-web's own bodiless 400.
 */
public final class UriCheck implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    try {
      URLDecoder.decode(ctx.request().path().replace("+", "%2B"), StandardCharsets.UTF_8);
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      ctx.fail(HttpProblem.invalid("the path or query string is not valid percent-encoding"));
      return;
    }
    ctx.next();
  }
}
