package io.vigil.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vigil.gateway.contract.ValidationHandler;
import java.util.Map;
import java.util.function.Function;

/** Reads validated request values and writes JSON answers; failures go to {@link ProblemMapper}. */
public final class Replies {
  private Replies() {}

  public static <T> void json(RoutingContext ctx, Future<T> result, int status, Function<T, JsonObject> body) {
    result.onSuccess(value -> json(ctx, status, body.apply(value))).onFailure(ctx::fail);
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
  }

  public static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  public static String path(RoutingContext ctx, String name) {
    return string(ValidationHandler.validated(ctx).getPathParameters(), name);
  }

  /** A query parameter as validated against the contract, or null when absent. */
  public static String query(RoutingContext ctx, String name) {
    return string(ValidationHandler.validated(ctx).getQuery(), name);
  }

  public static String header(RoutingContext ctx, String name) {
    return string(ValidationHandler.validated(ctx).getHeaders(), name);
  }

  public static JsonObject body(RoutingContext ctx) {
    ValidatedRequest validated = ValidationHandler.validated(ctx);
    return validated.getBody() == null || validated.getBody().isNull() ? null : validated.getBody().getJsonObject();
  }

  private static String string(Map<String, RequestParameter> values, String name) {
    RequestParameter value = values.get(name);
    return value == null || value.isNull() ? null : String.valueOf(value.get());
  }
}
