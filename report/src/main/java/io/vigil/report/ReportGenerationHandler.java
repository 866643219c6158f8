package io.vigil.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.core.consume.JobContext;
import io.vigil.core.consume.JobFailure;
import io.vigil.core.consume.JobHandler;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.queue.Engine;
import io.vigil.report.ReportRequest.Competitor;
import io.vigil.report.compose.CompetitorOutcome;
import io.vigil.report.compose.ReportComposer;
import io.vigil.report.facts.FactExtractor;
import io.vigil.report.fetch.FetchException;
import io.vigil.report.fetch.PageFetcher;
import io.vigil.report.store.ReportStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code report-generation} job: validates the payload (a bad one fails for good), fetches the
 * competitors one after another (facts extracted off the event loop, progress after each, aborted on cancel),
 * compares with the project's previous report, stores the new one and returns it as the job's result.
 */
public record ReportGenerationHandler(PageFetcher fetcher, ReportStore store, Clock clock, int maxCompetitors)
    implements JobHandler {
  public static final String JOB_NAME = "report-generation";
  public static final String QUEUE = "report-generation";
  private static final Logger log = LoggerFactory.getLogger(ReportGenerationHandler.class);

  public static ReportGenerationHandler create(Vertx vertx, Engine engine, ReportSettings settings) {
    ReportStore store = new ReportStore(engine.broker(), engine.settings().prefix(), engine.clock(), settings.keepMs());
    return new ReportGenerationHandler(new PageFetcher(vertx, settings), store, engine.clock(), settings.maxCompetitors());
  }

  @Override
  public Future<?> handle(JobContext ctx) {
    ReportRequest request;
    try {
      request = ReportRequest.parse(ctx.job().dataJson(), maxCompetitors);
    } catch (InvalidRequestException e) {
      return Future.failedFuture(JobFailure.permanent("invalid report payload: " + e.getMessage()));
    }
    String jobId = ctx.job().id();
    long started = System.nanoTime();
    return store.previousFor(request.projectId(), jobId)
        .compose(previous -> fetchAll(ctx, request).compose(outcomes -> {
          long fetched = outcomes.stream().filter(CompetitorOutcome::ok).count();
          if (fetched == 0) {
            // Retryable on purpose: the job's backoff gives the sites time to come back.
            return Future.failedFuture(new RuntimeException("no competitor page could be fetched: " + outcomes.stream()
                .map(o -> o.competitor().name() + " (" + o.error() + ")").collect(Collectors.joining("; "))));
          }
          JsonObject report = ReportComposer.compose(request, jobId, clock.millis(), outcomes, previous);
          return store.save(request.projectId(), jobId, report).map(v -> {
            log.info("report generated jobId={} projectId={} competitors={} fetched={} ms={}", jobId, request.projectId(),
                outcomes.size(), fetched, (System.nanoTime() - started) / 1_000_000);
            return report;
          });
        }));
  }

  public Future<Void> close() {
    return fetcher.close();
  }

  private Future<List<CompetitorOutcome>> fetchAll(JobContext ctx, ReportRequest request) {
    List<CompetitorOutcome> outcomes = new ArrayList<>();
    int total = request.competitors().size();
    Future<Void> chain = Future.succeededFuture();
    for (Competitor competitor : request.competitors()) {
      chain = chain.compose(v -> unlessCancelled(ctx)).compose(v -> outcome(ctx, competitor)).compose(outcome -> {
        outcomes.add(outcome);
        JsonObject progress = new JsonObject().put("done", outcomes.size()).put("total", total)
            .put("competitor", competitor.name());
        // Progress is informative; a lost lease is noticed by the processor, which cancels this job.
        return ctx.progress(progress).otherwiseEmpty();
      });
    }
    // Checked once more at the end: a cancelled job's partial report must not become the project's latest.
    return chain.compose(v -> unlessCancelled(ctx)).map(v -> outcomes);
  }

  private static Future<Void> unlessCancelled(JobContext ctx) {
    return ctx.isCancelled() ? Future.failedFuture(JobFailure.permanent("cancelled: " + ctx.cancelled().result()))
        : Future.succeededFuture();
  }

  private Future<CompetitorOutcome> outcome(JobContext ctx, Competitor competitor) {
    return fetcher.fetch(competitor.url(), ctx.cancelled())
        .compose(page -> {
          if (!page.ok()) {
            return Future.failedFuture(new FetchException("HTTP status " + page.status()));
          }
          if (!FactExtractor.isPage(page.contentType())) {
            return Future.failedFuture(new FetchException("not an HTML page (Content-Type " + page.contentType() + ")"));
          }
          return ctx.vertx().executeBlocking(() -> FactExtractor.extract(page), false);
        })
        .map(facts -> CompetitorOutcome.fetched(competitor, facts))
        .otherwise(e -> CompetitorOutcome.unreachable(competitor, e instanceof FetchException
            ? e.getMessage() : "page could not be read: " + e.getMessage()));
  }
}
