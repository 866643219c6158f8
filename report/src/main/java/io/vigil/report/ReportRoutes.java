package io.vigil.report;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.job.JobState;
import io.vigil.core.queue.Engine;
import io.vigil.gateway.http.HttpProblem;
import io.vigil.report.compose.HtmlRenderer;
import io.vigil.report.compose.ReportComposer;
import io.vigil.report.store.ReportStore;
import java.util.List;

/**
 * The report retrieval API on the gateway's contract router; every refusal goes through the gateway's one
 * problem mapper. {@code GET /api/v1/reports/{jobId}} serves what a completed job returned (409 before that),
 * {@code GET /api/v1/projects/{projectId}/reports/latest} the project's newest stored report; both as Markdown,
 * HTML or JSON per {@code ?format=} or Accept (406 otherwise), by default in the format the job asked for.
 */
public record ReportRoutes(Engine engine, ReportStore store) {

  /** The handlers, for a router that does its own access checks and maps failures (the gateway's). */
  public ReportRoutes(Engine engine) {
    // Read-only use: the keep period only applies to writes.
    this(engine, new ReportStore(engine.broker(), engine.settings().prefix(), engine.clock(), 0));
  }

  public void byJob(RoutingContext ctx) {
    String jobId = ctx.pathParam("jobId");
    serve(ctx, engine.admin().getJob(ReportGenerationHandler.QUEUE, jobId).compose(job -> {
      if (!ReportGenerationHandler.JOB_NAME.equals(job.name())) {
        // Another kind of job in the report queue has no report, whatever its result looks like.
        return Future.failedFuture(new HttpProblem(404, "REPORT_NOT_FOUND", "job " + jobId + " is not a report job"));
      }
      if (job.state() == JobState.FAILED) {
        // The job's own recorded outcome, also shown by GET .../jobs/{id}; the mapper cleans and bounds it.
        return Future.failedFuture(
            new HttpProblem(409, "REPORT_FAILED", "job " + jobId + " failed: " + job.failedReason()));
      }
      if (job.state() != JobState.COMPLETED) {
        return Future.failedFuture(new HttpProblem(409, "REPORT_NOT_READY",
            "job " + jobId + " is " + job.state().wireName() + "; its report is served once it completes"));
      }
      return Future.succeededFuture(decode(job.resultJson()));
    }), "job " + jobId + " completed without a report");
  }

  public void latest(RoutingContext ctx) {
    String projectId = ctx.pathParam("projectId");
    serve(ctx, store.latest(projectId), "project " + projectId + " has no stored report");
  }

  /** Serves the report in the negotiated format; 404 with {@code missing} when there is none. */
  private static void serve(RoutingContext ctx, Future<JsonObject> found, String missing) {
    found.onFailure(ctx::fail).onSuccess(report -> {
      if (report == null) {
        ctx.fail(new HttpProblem(404, "REPORT_NOT_FOUND", missing));
        return;
      }
      ReportFormat requested = ReportFormat.fromWire(report.getString("format"));
      ReportFormat format = choose(ctx.queryParams().get("format"), ctx.parsedHeaders().accept(),
          requested == null ? ReportFormat.JSON : requested);
      if (format == null) {
        ctx.fail(new HttpProblem(406, "NOT_ACCEPTABLE",
            "reports are served as text/markdown, text/html or application/json (or ?format=markdown|html|json)"));
        return;
      }
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType() + "; charset=utf-8")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader(HttpHeaders.VARY, "Accept");
      if (format == ReportFormat.HTML) {
        ctx.response().putHeader("Content-Security-Policy", HtmlRenderer.CONTENT_SECURITY_POLICY);
      }
      String body;
      try {
        body = ReportComposer.render(report, format);
      } catch (RuntimeException e) {
        // A stored result that does not render must end the response (500 with a reference), not hang it.
        ctx.fail(e);
        return;
      }
      ctx.response().end(body);
    });
  }

  /**
   * {@code ?format=} wins, then the Accept header ({@code accept} sorted by preference, as vertx-web parses it),
   * then the format the job asked for; null when nothing acceptable can be served.
   */
  private static ReportFormat choose(String formatParam, List<MIMEHeader> accept, ReportFormat requested) {
    if (formatParam != null) {
      return ReportFormat.fromWire(formatParam);
    }
    if (accept == null || accept.isEmpty()) {
      return requested;
    }
    for (MIMEHeader h : accept) {
      ReportFormat match = h.weight() <= 0 ? null
          : "*".equals(h.component()) ? requested
          : "*".equals(h.subComponent()) ? wildcard(h.component(), requested)
          : ReportFormat.fromMediaType(h.component(), h.subComponent());
      if (match != null) {
        return match;
      }
    }
    return null;
  }

  private static ReportFormat wildcard(String type, ReportFormat requested) {
    if (requested.mediaType().startsWith(type + "/")) {
      return requested;
    }
    return switch (type) {
      case "text" -> ReportFormat.MARKDOWN;
      case "application" -> ReportFormat.JSON;
      default -> null;
    };
  }

  private static JsonObject decode(String json) {
    if (json == null) {
      return null;
    }
    try {
      return new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
