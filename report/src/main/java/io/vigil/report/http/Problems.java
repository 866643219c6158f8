package io.vigil.report.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.error.VigilException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes report API errors as {@code application/problem+json} ({@code type, title, status, detail, code});
 * Vigil's typed errors keep the HTTP status of their {@link io.vigil.core.error.ErrorCode}.
 */
public final class Problems {
  public static final String TYPE_PREFIX = "urn:vigil:problem:";
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  public static void send(RoutingContext ctx, int status, String code, String title, String detail) {
    JsonObject body = new JsonObject()
        .put("type", TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'))
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("code", code);
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .end(body.encode());
  }

  public static void fail(RoutingContext ctx, Throwable error) {
    if (error instanceof VigilException v) {
      int status = v.code().httpStatus();
      send(ctx, status, v.code().name(), title(status), v.getMessage());
      return;
    }
    log.warn("report request failed path={} error={}", ctx.normalizedPath(), error.toString());
    send(ctx, 500, "INTERNAL", title(500), "the report could not be read");
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 429 -> "Too many requests";
      case 503 -> "Service unavailable";
      default -> "Internal error";
    };
  }
}
