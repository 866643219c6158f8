package io.vigil.report.compose;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.report.ReportFormat;
import io.vigil.report.ReportRequest;
import java.util.List;

/**
 * Builds a report: the JSON document the job returns and the store keeps (one entry per competitor, a
 * summary, and the changes since the previous report of the project), and its renderings.
 */
public final class ReportComposer {
  public static final int VERSION = 1;

  private ReportComposer() {}

  public static JsonObject compose(ReportRequest request, String jobId, long generatedAt,
                                   List<CompetitorOutcome> outcomes, JsonObject previous) {
    JsonArray competitors = new JsonArray();
    outcomes.forEach(o -> competitors.add(o.toJson()));
    long fetched = outcomes.stream().filter(CompetitorOutcome::ok).count();
    long cut = outcomes.stream().filter(o -> o.ok() && o.facts().truncated()).count();
    return new JsonObject()
        .put("reportVersion", VERSION)
        .put("jobId", jobId)
        .put("projectId", request.projectId())
        .put("title", request.title() != null ? request.title() : "Competitor report for " + request.projectId())
        .put("format", request.format().wireName())
        .put("generatedAt", generatedAt)
        .put("summary", new JsonObject()
            .put("competitors", outcomes.size())
            .put("fetched", fetched)
            .put("unreachable", outcomes.size() - fetched)
            .put("cut", cut))
        .put("competitors", competitors)
        .put("changes", ChangeDetector.changes(competitors, previous));
  }

  /** The report in the given format; JSON is the stored document itself, pretty-printed. */
  public static String render(JsonObject report, ReportFormat format) {
    return switch (format) {
      case JSON -> report.encodePrettily();
      case MARKDOWN -> MarkdownRenderer.render(ReportView.of(report));
      case HTML -> HtmlRenderer.render(ReportView.of(report));
    };
  }
}
