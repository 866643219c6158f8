package io.vigil.gateway.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vigil.gateway.http.HttpProblem;

/**
 * Checks a request against its contract operation before any handler sees it: a body must be declared JSON
 * (415) and pass {@link StrictJson}, then parameters and body must match the schemas (400). Bodies above
 * {@link #INLINE_CHECK_BYTES} are checked on a worker thread: a 1 MiB body is too much work for an event loop.
 */
public record ValidationHandler(Vertx vertx, RequestValidator validator, Operation operation)
    implements InputTrustHandler {
  public static final String VALIDATED = "vigil.validated";
  static final int INLINE_CHECK_BYTES = 16 * 1024;

  public static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(VALIDATED);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    checkBody(ctx, body)
        .compose(v -> RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body)))
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(validated -> {
          ctx.put(VALIDATED, validated);
          ctx.next();
        })
        .onFailure(e -> ctx.fail(e instanceof ValidatorException v ? toProblem(v) : e));
  }

  private Future<Void> checkBody(RoutingContext ctx, Buffer body) {
    if (operation.getRequestBody() == null || body == null || body.length() == 0) {
      return Future.succeededFuture();
    }
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return Future.failedFuture(new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json"));
    }
    byte[] bytes = body.getBytes();
    Future<String> checked = bytes.length <= INLINE_CHECK_BYTES ? Future.succeededFuture(StrictJson.problem(bytes))
        : vertx.executeBlocking(() -> StrictJson.problem(bytes), false);
    return checked.compose(problem -> problem == null ? Future.succeededFuture()
        : Future.failedFuture(HttpProblem.invalid(problem)));
  }

  private static HttpProblem toProblem(ValidatorException e) {
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && e.getMessage().contains("body")) {
      return new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
    }
    return HttpProblem.invalid(e.getMessage());
  }
}
