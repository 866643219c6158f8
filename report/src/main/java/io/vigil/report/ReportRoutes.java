package io.vigil.report;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobState;
import io.vigil.core.queue.Engine;
import io.vigil.report.compose.HtmlRenderer;
import io.vigil.report.compose.ReportComposer;
import io.vigil.report.http.FormatNegotiation;
import io.vigil.report.http.Problems;
import io.vigil.report.store.ReportStore;

/**
 * The report retrieval API, mounted on a router whose earlier handlers have already authenticated the caller.
 * 1. {@code GET /api/v1/reports/{jobId}}: the report a {@code report-generation} job returned; 404 for an
 *    unknown job, 409 while it has not completed (or when it failed).
 * 2. {@code GET /api/v1/projects/{projectId}/reports/latest}: the project's newest stored report.
 * Both serve Markdown, HTML or JSON as asked by {@code ?format=} or Accept (406 otherwise), defaulting to the
 * format the job asked for.
 */
public final class ReportRoutes {
  public static final String BY_JOB = "/api/v1/reports/:jobId";
  public static final String LATEST = "/api/v1/projects/:projectId/reports/latest";
  private final Engine engine;
  private final ReportStore store;

  private ReportRoutes(Engine engine) {
    this.engine = engine;
    // Read-only use: the keep period only applies to writes.
    this.store = new ReportStore(engine.broker(), engine.settings().prefix(), engine.clock(), 0);
  }

  /** The handlers alone, for a router that does its own access checks (the gateway's contract router). */
  public static ReportRoutes over(Engine engine) {
    return new ReportRoutes(engine);
  }

  public static void mount(Router router, Engine engine) {
    ReportRoutes routes = new ReportRoutes(engine);
    router.get(BY_JOB).handler(routes::byJob);
    router.get(LATEST).handler(routes::latest);
  }

  public void byJob(RoutingContext ctx) {
    String jobId = ctx.pathParam("jobId");
    engine.admin().getJob(ReportGenerationHandler.QUEUE, jobId).onComplete(ar -> {
      if (ar.failed()) {
        Problems.fail(ctx, ar.cause());
        return;
      }
      Job job = ar.result();
      if (job.state() == JobState.FAILED) {
        Problems.send(ctx, 409, "REPORT_FAILED", "Report failed", "job " + jobId + " failed: " + job.failedReason());
      } else if (job.state() != JobState.COMPLETED) {
        Problems.send(ctx, 409, "REPORT_NOT_READY", "Report not ready",
            "job " + jobId + " is " + job.state().wireName() + "; its report is served once it completes");
      } else {
        JsonObject report = decode(job.resultJson());
        if (report == null) {
          Problems.send(ctx, 404, "REPORT_NOT_FOUND", "Not found", "job " + jobId + " completed without a report");
        } else {
          respond(ctx, report);
        }
      }
    });
  }

  public void latest(RoutingContext ctx) {
    String projectId = ctx.pathParam("projectId");
    store.latest(projectId).onComplete(ar -> {
      if (ar.failed()) {
        Problems.fail(ctx, ar.cause());
      } else if (ar.result() == null) {
        Problems.send(ctx, 404, "REPORT_NOT_FOUND", "Not found", "project " + projectId + " has no stored report");
      } else {
        respond(ctx, ar.result());
      }
    });
  }

  private static void respond(RoutingContext ctx, JsonObject report) {
    ReportFormat requested = ReportFormat.fromWire(report.getString("format"));
    ReportFormat format = FormatNegotiation.choose(ctx.queryParams().get("format"), ctx.parsedHeaders().accept(),
        requested == null ? ReportFormat.JSON : requested);
    if (format == null) {
      Problems.send(ctx, 406, "NOT_ACCEPTABLE", "Not acceptable",
          "reports are served as text/markdown, text/html or application/json (or ?format=markdown|html|json)");
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType() + "; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader(HttpHeaders.VARY, "Accept");
    if (format == ReportFormat.HTML) {
      ctx.response().putHeader("Content-Security-Policy", HtmlRenderer.CONTENT_SECURITY_POLICY);
    }
    ctx.response().end(ReportComposer.render(report, format));
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
