package io.vigil.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.ErrorCode;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.error.VigilException;
import io.vigil.gateway.metrics.GatewayMetrics;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into problem+json, for every route (the report routes included) and event-bus
 * submit replies. Engine errors keep their code and HTTP status; 5xx ones get a fixed text (their messages name
 * Redis hosts, so they go to the log only); anything unexpected is a 500 with only a reference in its body;
 * retryable errors and every 503 carry Retry-After.
 */
public record ProblemMapper(GatewayMetrics metrics) implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
  private static final int MAX_DETAIL = 400;

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.failure() instanceof HttpClosedException) {
      // The caller went away while its request was read: there is no one to answer.
      LOG.debug("request=abandoned method={} path={}", ctx.request().method(), ctx.normalizedPath());
      return;
    }
    Problem problem = map(ctx.failure(), ctx.statusCode());
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // A stream (SSE) already started: nothing valid can be sent any more.
      response.reset();
      return;
    }
    if (problem.status() >= 500) {
      LOG.warn("request=failed status={} code={} method={} path={}", problem.status(), problem.code(),
          ctx.request().method(), ctx.normalizedPath());
    }
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(problem.retryAfterSeconds()));
    }
    String jobId = problem.extensions().getString("jobId");
    if (jobId != null && ctx.request().path().endsWith("/jobs")) {
      // An unconfirmed single submission: where the job will be once a retry with this id succeeds.
      response.putHeader(HttpHeaders.LOCATION, ctx.request().path() + "/" + jobId);
    }
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .end(problem.toJson().encode());
  }

  /** The problem for a failure, or for a bare status when there is no failure object; counted by code. */
  public Problem map(Throwable failure, int status) {
    Problem problem = classify(failure, status);
    if (problem.status() == 503 && problem.retryAfterSeconds() <= 0) {
      problem = new Problem(503, problem.code(), problem.title(), problem.detail(), 1);
    }
    metrics.refused(problem.code());
    return problem;
  }

  private Problem classify(Throwable failure, int status) {
    if (failure instanceof VigilException e) {
      ErrorCode code = e.code();
      if (code == ErrorCode.SCRIPT_FAILURE) {
        return internal(e);
      }
      if (code.httpStatus() >= 500) {
        // The message names hosts and ports or quotes Redis: it goes to the log, not to the caller.
        LOG.warn("request=refused code={} error={}", code, e.getMessage());
        return new Problem(code.httpStatus(), code.name(), title(code.httpStatus()), serverSideDetail(code),
            code.retryable() ? retryAfter(code) : 0, submittedIds(e));
      }
      return new Problem(code.httpStatus(), code.name(), title(code.httpStatus()), clean(e.getMessage()),
          code.retryable() ? retryAfter(code) : 0);
    }
    if (failure instanceof HttpProblem p) {
      return new Problem(p.status(), p.code(), title(p.status()), clean(p.getMessage()), p.status() == 503 ? 1 : 0);
    }
    if (failure instanceof DecodeException) {
      return byStatus(400, "the body is not valid JSON");
    }
    if (failure instanceof HttpException e) {
      return byStatus(e.getStatusCode(), null);
    }
    if (status >= 400 && status < 500) {
      // Refused by vertx-web itself with a status (e.g. no Host header): its text stays in the log.
      LOG.debug("request=refused status={} error={}", status, failure == null ? null : failure.getMessage());
      return byStatus(status, null);
    }
    if (raisedByHttpCodec(failure)) {
      return byStatus(400, "the request is not valid HTTP/1.1 (body framing)");
    }
    return internal(failure);
  }

  /** A failure thrown by Netty's HTTP decoder while the body was read (a bad chunk size): the request is at fault. */
  private static boolean raisedByHttpCodec(Throwable failure) {
    StackTraceElement[] stack = failure == null ? new StackTraceElement[0] : failure.getStackTrace();
    return stack.length > 0 && stack[0].getClassName().startsWith("io.netty.handler.codec.http.");
  }

  /**
   * The ids of an unconfirmed submission, minted ones included: sending the same body again with them
   * cannot create a second job.
   */
  private static JsonObject submittedIds(VigilException e) {
    JsonObject out = new JsonObject();
    if (e instanceof NotDurableException nd && !nd.jobIds().isEmpty()) {
      out.put("jobIds", new JsonArray(nd.jobIds()));
      if (nd.jobIds().size() == 1) {
        out.put("jobId", nd.jobIds().get(0));
      }
    }
    return out;
  }

  private Problem internal(Throwable failure) {
    String ref = UUID.randomUUID().toString();
    LOG.error("request=failed status=500 ref={}", ref, failure);
    return new Problem(500, "INTERNAL", title(500), "internal error; the gateway log has ref=" + ref, 0);
  }

  /** Fixed texts: nothing of the failure itself reaches the caller. */
  private static String serverSideDetail(ErrorCode code) {
    return switch (code) {
      case REDIS_UNAVAILABLE -> "Redis is unavailable; retry later";
      case NOT_DURABLE -> "the write was not confirmed by enough replicas in time; send the same request again "
          + "later (with the same jobId it cannot create a second job)";
      case MEMORY_WATERMARK -> "Redis memory is above the watermark; new jobs are refused for now";
      default -> "the server could not complete the request; retry later";
    };
  }

  private static Problem byStatus(int status, String detail) {
    String code = switch (status) {
      case 400 -> "INVALID_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 413 -> "PAYLOAD_TOO_LARGE";
      case 414 -> "URI_TOO_LONG";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 431 -> "HEADERS_TOO_LARGE";
      default -> status < 500 ? "BAD_REQUEST" : "INTERNAL";
    };
    String text = detail != null ? detail : switch (status) {
      case 404 -> "no such resource";
      case 405 -> "method not allowed on this resource";
      case 413 -> "the request body is larger than VIGIL_MAX_BODY_BYTES";
      case 415 -> "send the body as application/json";
      case 414 -> "the request line is longer than the server accepts";
      case 431 -> "the request headers are larger than the server accepts";
      default -> title(status);
    };
    return new Problem(status, code, title(status), text, 0);
  }

  private static int retryAfter(ErrorCode code) {
    return code == ErrorCode.QUEUE_FULL || code == ErrorCode.MEMORY_WATERMARK ? 5 : 1;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Bad Request";
    };
  }

  /** Details may quote user input: no control characters, bounded length. */
  static String clean(String detail) {
    if (detail == null) {
      return "";
    }
    String flat = detail.replaceAll("\\p{Cntrl}", " ");
    return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "...";
  }
}
