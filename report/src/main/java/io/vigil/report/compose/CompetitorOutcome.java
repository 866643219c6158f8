package io.vigil.report.compose;

import io.vertx.core.json.JsonObject;
import io.vigil.report.ReportRequest.Competitor;
import io.vigil.report.facts.PageFacts;

/** What became of one competitor in one run: its page facts, or why it could not be fetched. */
public record CompetitorOutcome(Competitor competitor, PageFacts facts, String error) {

  public static CompetitorOutcome fetched(Competitor competitor, PageFacts facts) {
    return new CompetitorOutcome(competitor, facts, null);
  }

  public static CompetitorOutcome unreachable(Competitor competitor, String error) {
    return new CompetitorOutcome(competitor, null, error);
  }

  public boolean ok() {
    return facts != null;
  }

  public JsonObject toJson() {
    JsonObject json = competitor.toJson().put("status", ok() ? "ok" : "unreachable");
    return ok() ? json.put("facts", facts.toJson()) : json.put("error", error);
  }
}
