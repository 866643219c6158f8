package io.vigil.gateway.ui;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the dashboard's static files from the jar ({@code vigil-ui/} on the class path) at {@code /ui/}.
 * The files call the REST API with the token the operator signs in with; nothing is loaded from elsewhere,
 * and the content security policy says so to the browser.
 */
public final class DashboardRoutes {
  public static final String PATH = "/ui/";
  static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
      + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private DashboardRoutes() {}

  public static void mount(Router router) {
    // vertx-web matches "/ui/" on a "/ui" route too: only the bare path is redirected.
    router.get("/ui").handler(ctx -> {
      if ("/ui".equals(ctx.request().path())) {
        ctx.redirect(PATH);
      } else {
        ctx.next();
      }
    });
    router.get(PATH + "*").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", POLICY).putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    }).handler(StaticHandler.create("vigil-ui").setIndexPage("index.html").setCachingEnabled(false));
  }
}
