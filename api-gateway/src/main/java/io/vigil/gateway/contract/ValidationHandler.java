package io.vigil.gateway.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vigil.gateway.http.HttpProblem;
import java.util.Locale;

/**
 * Checks one request against its contract operation before any handler sees it.
 * 1. A body must be declared JSON (else 415) and pass {@link StrictJson} (else 400).
 * 2. Parameters and body are validated against the contract's schemas, compiled once at start (else 400).
 * 3. The validated request is stored in the context for the handler.
 * Bodies above {@link #INLINE_CHECK_BYTES} are checked on a worker thread: a 1 MiB body is too much work
 * for an event loop, while a typical submission costs less than the thread hop.
 */
public final class ValidationHandler implements InputTrustHandler {
  public static final String VALIDATED = "vigil.validated";
  static final int INLINE_CHECK_BYTES = 16 * 1024;
  private final Vertx vertx;
  private final OperationValidator validator;
  private final Operation operation;

  public ValidationHandler(Vertx vertx, Contract contract, Operation operation) {
    this.vertx = vertx;
    this.validator = new OperationValidator(contract.openApi().getSchemaRepository(), operation);
    this.operation = operation;
  }

  public static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(VALIDATED);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    boolean checked = operation.getRequestBody() != null && body != null && body.length() > 0;
    if (checked && !isJson(ctx)) {
      ctx.fail(new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json"));
      return;
    }
    extract(ctx, body)
        .compose(request -> checked && body.length() > INLINE_CHECK_BYTES
            ? vertx.executeBlocking(() -> check(checked, body, request), false)
            : inline(checked, body, request))
        .onSuccess(validated -> {
          ctx.put(VALIDATED, validated);
          ctx.next();
        })
        .onFailure(e -> ctx.fail(e instanceof ValidatorException v ? toProblem(v) : e));
  }

  /** vertx-openapi throws, instead of failing the future, on a header it cannot URL-decode: that is a 400 too. */
  private Future<ValidatableRequest> extract(RoutingContext ctx, Buffer body) {
    try {
      return RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<ValidatedRequest> inline(boolean checked, Buffer body, ValidatableRequest request) {
    try {
      return Future.succeededFuture(check(checked, body, request));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static boolean isJson(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  /** The strict syntax check first: the schema validation decodes leniently (duplicate keys, for one). */
  private ValidatedRequest check(boolean checked, Buffer body, ValidatableRequest request) {
    String problem = checked ? StrictJson.problem(body.getBytes()) : null;
    if (problem != null) {
      throw HttpProblem.invalid(problem);
    }
    return validator.validate(request);
  }

  private static HttpProblem toProblem(ValidatorException e) {
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && e.getMessage().contains("body")) {
      return new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
    }
    return HttpProblem.invalid(e.getMessage());
  }
}
