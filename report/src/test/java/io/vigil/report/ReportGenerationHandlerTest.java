package io.vigil.report;

import static io.vigil.report.support.ReportFixture.competitor;
import static io.vigil.report.support.ReportFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.event.JobEvent;
import io.vigil.core.job.Backoff;
import io.vigil.core.job.BackoffType;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.report.compose.ReportComposer;
import io.vigil.report.facts.Price;
import io.vigil.report.store.ReportStore;
import io.vigil.report.support.FixtureSite;
import io.vigil.report.support.ReportFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class ReportGenerationHandlerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String ACME_V1 = """
      <html><head><title>Acme</title><meta name="description" content="Acme plans"></head>
      <body><h1>Acme</h1><h2>Starter</h2><h2>Pro</h2>
      <p>Starter $19.99 per month. Pro $49 per month.</p><a href="https://partner.example/">Partner</a></body></html>""";
  private static final String ACME_V2 = """
      <html><head><title>Acme, now with AI</title><meta name="description" content="Acme plans"></head>
      <body><h1>Acme</h1><h2>Pro</h2><h2>Enterprise</h2>
      <p>Starter $24.99 per month. Pro $49 per month.</p><a href="https://partner.example/">Partner</a></body></html>""";
  private static final String BOLT = """
      <html><head><title>Bolt</title></head><body><h1>Bolt</h1><p>Everything for 29 USD.</p></body></html>""";
  private ReportFixture fx;

  @BeforeEach
  void setUp(Vertx vertx, RedisNode redis) {
    fx = new ReportFixture(vertx, redis).startProcessor();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private String deadUrl() {
    return fx.site.deadUrl();
  }

  @Test
  void secondRunReportsTheTitleHeadingAndPriceChangesSinceTheFirst() throws Exception {
    fx.site.page("/acme", ACME_V1);
    fx.site.page("/bolt", BOLT);
    JsonObject payload = payload("proj-1", "markdown", competitor("Acme", fx.site.url("/acme")),
        competitor("Bolt", fx.site.url("/bolt")));
    String first = fx.submit(payload);
    JsonObject firstReport = fx.report(first);

    fx.site.page("/acme", ACME_V2);
    String second = fx.submit(payload);
    JsonObject secondReport = fx.report(second);

    assertThat(firstReport.getValue("changes")).isNull();
    assertThat(firstReport.getJsonArray("competitors").getJsonObject(0).getJsonObject("facts").getJsonArray("prices"))
        .isEqualTo(new JsonArray().add(price("USD", "19.99", "$19.99")).add(price("USD", "49", "$49")));
    assertThat(secondReport.getJsonObject("changes")).isEqualTo(new JsonObject()
        .put("previousJobId", first)
        .put("previousGeneratedAt", firstReport.getLong("generatedAt"))
        .put("addedCompetitors", new JsonArray())
        .put("removedCompetitors", new JsonArray())
        .put("competitors", new JsonArray().add(new JsonObject()
            .put("name", "Acme")
            .put("title", new JsonObject().put("from", "Acme").put("to", "Acme, now with AI"))
            .put("headingsAdded", new JsonArray().add(heading("h2", "Enterprise")))
            .put("headingsRemoved", new JsonArray().add(heading("h2", "Starter")))
            .put("pricesAdded", new JsonArray().add(price("USD", "24.99", "$24.99")))
            .put("pricesRemoved", new JsonArray().add(price("USD", "19.99", "$19.99"))))));
    assertThat(secondReport.getJsonObject("summary")).isEqualTo(new JsonObject()
        .put("competitors", 2).put("fetched", 2).put("unreachable", 0).put("cut", 0));
    JsonObject stored = new ReportStore(fx.engine.broker(), ReportFixture.PREFIX, fx.engine.clock(), 0)
        .latest("proj-1").await();
    assertThat(stored).isEqualTo(secondReport);
  }

  @Test
  void progressIsReportedAfterEveryCompetitor() throws Exception {
    fx.site.page("/acme", ACME_V1);
    fx.site.page("/bolt", BOLT);
    String id = fx.submit(payload("proj-1", "json", competitor("Acme", fx.site.url("/acme")),
        competitor("Bolt", fx.site.url("/bolt"))));
    fx.report(id);

    List<JobEvent> events = fx.engine.events().readAfter(ReportGenerationHandler.QUEUE, "0", 100).await();
    List<JsonObject> progress = events.stream().filter(e -> e.event().equals("progress") && e.jobId().equals(id))
        .map(e -> new JsonObject(e.fields().get("progress"))).toList();

    assertThat(progress).containsExactly(
        new JsonObject().put("done", 1).put("total", 2).put("competitor", "Acme"),
        new JsonObject().put("done", 2).put("total", 2).put("competitor", "Bolt"));
  }

  @Test
  void oneDeadCompetitorGivesAPartialReportThatSaysSo() throws Exception {
    fx.site.page("/acme", ACME_V1);
    fx.site.status("/gone", 503);
    String dead = deadUrl();
    String id = fx.submit(payload("proj-2", "markdown", competitor("Acme", fx.site.url("/acme")),
        competitor("Down", dead), competitor("Broken", fx.site.url("/gone"))));

    JsonObject report = fx.report(id);

    JsonArray competitors = report.getJsonArray("competitors");
    assertThat(competitors.getJsonObject(0).getString("status")).isEqualTo("ok");
    assertThat(competitors.getJsonObject(1)).isEqualTo(new JsonObject().put("name", "Down").put("url", dead)
        .put("status", "unreachable").put("error", "connection refused"));
    assertThat(competitors.getJsonObject(2).getString("error")).isEqualTo("HTTP status 503");
    assertThat(report.getJsonObject("summary").getInteger("unreachable")).isEqualTo(2);
    assertThat(ReportComposer.render(report, ReportFormat.MARKDOWN))
        .contains("- **Status:** unreachable: connection refused", "| Down | unreachable |");
  }

  @Test
  void whenNoCompetitorCanBeFetchedTheAttemptFailsAndTheJobRetriesWithItsBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    fx.site.handle("/flaky", req -> {
      if (calls.incrementAndGet() == 1) {
        req.response().setStatusCode(503).end();
      } else {
        req.response().putHeader("Content-Type", "text/html").end(BOLT);
      }
    });
    JobOptions options = JobOptions.DEFAULTS.withAttempts(3).withBackoff(new Backoff(BackoffType.FIXED, 300, 0));
    String id = fx.submit(payload("proj-3", "html", competitor("Flaky", fx.site.url("/flaky")),
        competitor("Down", deadUrl())), options);

    Job job = fx.awaitFinished(id);

    assertThat(job.state()).isEqualTo(JobState.COMPLETED);
    assertThat(job.attemptsMade()).isEqualTo(2);
    assertThat(job.errors()).hasSize(1);
    assertThat(job.errors().get(0)).contains(
        "no competitor page could be fetched: Flaky (HTTP status 503); Down (connection refused)");
    assertThat(job.finishedAt() - job.createdAt()).isGreaterThanOrEqualTo(300);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void aJobWhosePagesStayDeadFailsAfterItsAttempts() throws Exception {
    JobOptions options = JobOptions.DEFAULTS.withAttempts(2).withBackoff(new Backoff(BackoffType.FIXED, 100, 0));
    String id = fx.submit(payload("proj-4", "json", competitor("Down", deadUrl())), options);

    Job job = fx.awaitFinished(id);

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.attemptsMade()).isEqualTo(2);
    assertThat(job.failedReason()).isEqualTo("no competitor page could be fetched: Down (connection refused)");
    assertThat(fx.redis.command("EXISTS", "vr:{report:proj-4}:history")).isEqualTo(0L);
  }

  @Test
  void aBadPayloadFailsAtOnceWithAMessageNamingTheField() throws Exception {
    String id = fx.submit(new JsonObject().put("projectId", "p").put("competitors", new JsonArray()
        .add(competitor("A", "http://a.example/"))), JobOptions.DEFAULTS.withAttempts(3));
    String badUrl = fx.submit(payload("p", "json", competitor("A", "javascript:alert(1)")), JobOptions.DEFAULTS.withAttempts(3));

    Job job = fx.awaitFinished(id);
    Job badUrlJob = fx.awaitFinished(badUrl);

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.attemptsMade()).isEqualTo(1);
    assertThat(job.failedReason()).isEqualTo("invalid report payload: format is required: markdown, html or json");
    assertThat(badUrlJob.failedReason())
        .isEqualTo("invalid report payload: competitors[0].url: only http and https URLs are fetched, not 'javascript'");
  }

  @Test
  void anOversizedPageIsCutAndTheReportSaysSo() throws Exception {
    fx.site.large("/huge", 64L * 1024 * 1024);
    String id = fx.submit(payload("proj-5", "markdown", competitor("Huge", fx.site.url("/huge"))));

    JsonObject report = fx.report(id);

    JsonObject facts = report.getJsonArray("competitors").getJsonObject(0).getJsonObject("facts");
    assertThat(facts.getBoolean("truncated")).isTrue();
    assertThat(facts.getInteger("bytes")).isEqualTo(ReportFixture.CAP);
    assertThat(facts.getString("title")).isEqualTo("Huge page");
    assertThat(report.getJsonObject("summary").getInteger("cut")).isEqualTo(1);
    assertThat(ReportComposer.render(report, ReportFormat.MARKDOWN))
        .contains("- **Note:** page cut at 262144 bytes; facts cover only that part", "| Huge | HTTP 200 (cut) |");
  }

  @Test
  void aRedirectToTheMetadataServiceIsRefusedAndNoted() throws Exception {
    fx.site.page("/acme", ACME_V1);
    fx.site.redirect("/evil", "http://169.254.169.254/latest/meta-data/iam/");
    String id = fx.submit(payload("proj-6", "json", competitor("Acme", fx.site.url("/acme")),
        competitor("Evil", fx.site.url("/evil"))));

    JsonObject report = fx.report(id);

    assertThat(report.getJsonArray("competitors").getJsonObject(1).getString("error")).isEqualTo(
        io.vigil.report.fetch.AddressPolicy.REFUSED);
  }

  @Test
  void cancellingTheJobAbortsTheFetchInFlightAndFetchesNothingMore() throws Exception {
    fx.site.hang("/slow");
    fx.site.page("/bolt", BOLT);
    String id = fx.submit(payload("proj-7", "json", competitor("Slow", fx.site.url("/slow")),
        competitor("Bolt", fx.site.url("/bolt"))), JobOptions.DEFAULTS.withAttempts(3));
    await().atMost(WAIT).until(() -> fx.site.hits("/slow") == 1);

    boolean cancelled = fx.cancel(id, "cancelled by operator");

    Job job = fx.awaitFinished(id);
    assertThat(cancelled).isTrue();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.failedReason()).isEqualTo("cancelled by operator");
    await().atMost(WAIT).until(() -> fx.site.closedConnections("/slow") == 1);
    // Nothing more is fetched: the count stays at zero for a while.
    await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> fx.site.hits("/bolt") == 0);
  }

  @Test
  void aJobCancelledDuringItsLastFetchStoresNoReport() throws Exception {
    fx.site.page("/acme", ACME_V1);
    fx.site.hang("/slow");
    String id = fx.submit(payload("proj-8", "json", competitor("Acme", fx.site.url("/acme")),
        competitor("Slow", fx.site.url("/slow"))), JobOptions.DEFAULTS.withAttempts(3));
    await().atMost(WAIT).until(() -> fx.site.hits("/slow") == 1);

    fx.cancel(id, "cancelled by operator");

    assertThat(fx.awaitFinished(id).state()).isEqualTo(JobState.FAILED);
    await().atMost(WAIT).until(() -> fx.site.closedConnections("/slow") == 1);
    // Nothing is fetched again: the count stays at one for a while.
    await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> fx.site.hits("/acme") == 1);
    assertThat(fx.redis.command("KEYS", "vr:{report:proj-8}:*")).isEqualTo(List.of());
  }

  private static JsonObject price(String currency, String amount, String text) {
    return new Price(currency, amount, text).toJson();
  }

  private static JsonObject heading(String level, String text) {
    return new JsonObject().put("level", level).put("text", text);
  }
}
