package io.vigil.gateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP codec could not decode (request line over its limit: 414, headers over theirs: 431,
 * anything else malformed: 400) with problem+json like every other refusal. Vert.x's default answer has the same
 * statuses and no body; the server closes the connection after this answer either way.
 */
public record InvalidRequests(ProblemMapper problems) implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    Problem problem = problems.map(null, status);
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(problem.toJson().encode());
  }
}
