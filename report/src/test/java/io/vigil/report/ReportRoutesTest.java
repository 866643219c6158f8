package io.vigil.report;

import static io.vigil.report.support.ReportFixture.competitor;
import static io.vigil.report.support.ReportFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vigil.gateway.contract.ContractResponses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.JobOptions;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.gateway.http.ProblemMapper;
import io.vigil.gateway.metrics.GatewayMetrics;
import io.vigil.report.support.ReportFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.time.Clock;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class ReportRoutesTest {
  private static final String PAGE = """
      <html><head><title>Acme</title></head><body><h1>Acme</h1><h2>Pricing</h2><p>Only $9.</p></body></html>""";
  private static final String EVIL = """
      <html><head><title>Evil "Co' &lt;script&gt;alert(1)&lt;/script&gt;</title>
      <meta name="description" content='"><script>alert(2)</script>'></head>
      <body><h1>Hi</h1><h2>&lt;img src=x onerror=alert(3)&gt;</h2><h2>'" onmouseover="alert(4)</h2>
      <script>alert(5)</script></body></html>""";
  private ReportFixture fx;
  private HttpServer api;
  private WebClient client;
  private ContractResponses contract;

  @BeforeEach
  void setUp(Vertx vertx, RedisNode redis) {
    fx = new ReportFixture(vertx, redis).startProcessor();
    api = serve(vertx, fx.engine);
    client = WebClient.create(vertx);
    contract = ContractResponses.load(vertx);
  }

  /** The report handlers as the gateway serves them: failures go to the gateway's ProblemMapper. */
  private static HttpServer serve(Vertx vertx, Engine engine) {
    Router router = Router.router(vertx);
    router.route().failureHandler(new ProblemMapper(new GatewayMetrics(new SimpleMeterRegistry())));
    ReportRoutes routes = new ReportRoutes(engine);
    router.get("/api/v1/reports/:jobId").handler(routes::byJob);
    router.get("/api/v1/projects/:projectId/reports/latest").handler(routes::latest);
    HttpServer server = vertx.createHttpServer().requestHandler(router);
    server.listen(0, "127.0.0.1").await();
    return server;
  }

  /** A job of {@code name} in the report queue, completed with {@code result} by hand (no handler runs). */
  private static String completedInReportQueue(Vertx vertx, RedisNode redis, Engine engine, String name, String result) {
    String id = engine.enqueuer().enqueue(ReportGenerationHandler.QUEUE,
        io.vigil.core.job.NewJob.of(name, "{}")).await().id();
    var fetched = (io.vigil.core.queue.FetchOutcome.Fetched) engine.transitions()
        .fetch(ReportGenerationHandler.QUEUE, "hand").await();
    engine.transitions().complete(fetched.lease(), result, null).await();
    return id;
  }

  @Test
  void anotherKindOfJobInTheReportQueueIsNotServedAsAReportAndABrokenResultEndsWithAProblem(Vertx vertx,
                                                                                             RedisNode redis) {
    // An engine of its own (another prefix): the fixture's processor would run these jobs as reports.
    Engine other = Engine.create(RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port()))
        .await(), EngineSettings.defaults("vr-other"), Clock.systemUTC(), false);
    HttpServer otherApi = serve(vertx, other);
    String echo = completedInReportQueue(vertx, redis, other, "echo",
        "{\"format\":\"html\",\"title\":\"<script>alert(1)</script>\",\"competitors\":[]}");
    String broken = completedInReportQueue(vertx, redis, other, ReportGenerationHandler.JOB_NAME,
        "{\"format\":\"markdown\",\"competitors\":\"not a list\"}");
    try {
      HttpResponse<Buffer> asReport = client.get(otherApi.actualPort(), "127.0.0.1", "/api/v1/reports/" + echo)
          .send().await();
      HttpResponse<Buffer> unrenderable = client.get(otherApi.actualPort(), "127.0.0.1", "/api/v1/reports/" + broken)
          .timeout(10_000).send().await();

      assertThat(asReport.statusCode()).isEqualTo(404);
      assertThat(asReport.bodyAsJsonObject().getString("code")).isEqualTo("REPORT_NOT_FOUND");
      assertThat(asReport.bodyAsString()).doesNotContain("<script>");
      assertThat(unrenderable.statusCode()).isEqualTo(500);
      assertThat(unrenderable.getHeader("Content-Type")).isEqualTo("application/problem+json");
    } finally {
      otherApi.close().await();
      other.broker().close().await();
    }
  }

  @AfterEach
  void tearDown() {
    client.close();
    api.close().await();
    fx.close();
  }

  private HttpResponse<Buffer> get(String path, String accept) {
    var request = client.get(api.actualPort(), "127.0.0.1", path);
    if (accept != null) {
      request.putHeader("Accept", accept);
    }
    HttpResponse<Buffer> response = request.send().await();
    contract.check(HttpMethod.GET, path, response);
    return response;
  }

  private String completedJob(String projectId, String page) throws Exception {
    fx.site.page("/p", page);
    String id = fx.submit(payload(projectId, "markdown", competitor("Acme", fx.site.url("/p"))));
    fx.report(id);
    return id;
  }

  @Test
  void servesACompletedReportInTheFormatAskedForOrTheOneTheJobChose() throws Exception {
    String id = completedJob("proj-1", PAGE);
    JsonObject stored = fx.report(id);
    String path = "/api/v1/reports/" + id;

    HttpResponse<Buffer> byDefault = get(path, null);
    HttpResponse<Buffer> any = get(path, "*/*");
    HttpResponse<Buffer> json = get(path, "application/json");
    HttpResponse<Buffer> html = get(path, "text/html");
    HttpResponse<Buffer> weighted = get(path, "text/html;q=0.5, application/json");
    HttpResponse<Buffer> queryWins = get(path + "?format=json", "text/html");

    assertThat(byDefault.statusCode()).isEqualTo(200);
    assertThat(byDefault.getHeader("Content-Type")).isEqualTo("text/markdown; charset=utf-8");
    assertThat(byDefault.bodyAsString()).startsWith("# Competitor report for proj-1\n").contains("| Acme | HTTP 200 |");
    assertThat(any.getHeader("Content-Type")).isEqualTo("text/markdown; charset=utf-8");
    assertThat(json.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(json.bodyAsJsonObject()).isEqualTo(stored);
    assertThat(html.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(html.getHeader("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(html.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(Jsoup.parse(html.bodyAsString()).select("h1").text()).isEqualTo("Competitor report for proj-1");
    assertThat(weighted.getHeader("Content-Type")).startsWith("application/json");
    assertThat(queryWins.getHeader("Content-Type")).startsWith("application/json");
  }

  @Test
  void anUnsupportedFormatIsNotAcceptable() throws Exception {
    String id = completedJob("proj-1", PAGE);

    HttpResponse<Buffer> byAccept = get("/api/v1/reports/" + id, "image/png");
    HttpResponse<Buffer> byQuery = get("/api/v1/reports/" + id + "?format=pdf", null);

    assertThat(byAccept.statusCode()).isEqualTo(406);
    assertThat(byAccept.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(byAccept.bodyAsJsonObject().getString("code")).isEqualTo("NOT_ACCEPTABLE");
    assertThat(byQuery.statusCode()).isEqualTo(406);
  }

  @Test
  void anUnknownJobIsNotFound() {
    HttpResponse<Buffer> response = get("/api/v1/reports/no-such-job", "application/json");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("type", "urn:vigil:problem:job-not-found").put("title", "Not Found").put("status", 404)
        .put("detail", "job no-such-job not found in queue report-generation").put("code", "JOB_NOT_FOUND"));
  }

  @Test
  void aJobThatHasNotCompletedIsAConflict() throws Exception {
    String delayed = fx.submit(payload("proj-2", "json", competitor("Acme", "http://acme.example/")),
        JobOptions.fromJson(new JsonObject().put("delayMs", 60_000)));
    String failed = fx.submit(new JsonObject().put("projectId", "proj-2"));
    fx.awaitFinished(failed);

    HttpResponse<Buffer> notReady = get("/api/v1/reports/" + delayed, null);
    HttpResponse<Buffer> gone = get("/api/v1/reports/" + failed, null);

    assertThat(notReady.statusCode()).isEqualTo(409);
    assertThat(notReady.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("type", "urn:vigil:problem:report-not-ready").put("title", "Conflict").put("status", 409)
        .put("detail", "job " + delayed + " is delayed; its report is served once it completes").put("code", "REPORT_NOT_READY"));
    assertThat(gone.statusCode()).isEqualTo(409);
    assertThat(gone.bodyAsJsonObject().getString("code")).isEqualTo("REPORT_FAILED");
    assertThat(gone.bodyAsJsonObject().getString("detail")).contains("invalid report payload: format is required");
  }

  @Test
  void aRedisFailureOnAReportRouteIsTheGatewaysFixed503WithRetryAfterAndNoAddress(Vertx vertx) {
    try (RedisNode down = TestTopologies.server(RedisServerConfig.named("ReportRoutesTest-down"))) {
      Engine engine = Engine.create(RedisConnector.connect(vertx,
          RedisSettings.fromEnv(Map.of("REDIS_HOST", down.host(), "REDIS_PORT", Integer.toString(down.port()),
              "REDIS_COMMAND_TIMEOUT", "1000"))).await(),
          EngineSettings.defaults(ReportFixture.PREFIX), Clock.systemUTC(), false);
      HttpServer server = serve(vertx, engine);
      down.stop();

      HttpResponse<Buffer> byJob = client.get(server.actualPort(), "127.0.0.1", "/api/v1/reports/some-job").send().await();
      HttpResponse<Buffer> latest = client.get(server.actualPort(), "127.0.0.1", "/api/v1/projects/p/reports/latest")
          .send().await();

      for (HttpResponse<Buffer> r : java.util.List.of(byJob, latest)) {
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isEqualTo("1");
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject()
            .put("type", "urn:vigil:problem:redis-unavailable").put("title", "Service Unavailable").put("status", 503)
            .put("detail", "Redis is unavailable; retry later").put("code", "REDIS_UNAVAILABLE"));
        assertThat(r.bodyAsString()).doesNotContain(down.address()).doesNotContain(Integer.toString(down.port()));
      }
      server.close().await();
    }
  }

  @Test
  void latestServesTheProjectsNewestReport() throws Exception {
    completedJob("proj-3", PAGE);
    String second = completedJob("proj-3", PAGE.replace("Pricing", "Plans"));

    HttpResponse<Buffer> latest = get("/api/v1/projects/proj-3/reports/latest", "application/json");
    HttpResponse<Buffer> markdown = get("/api/v1/projects/proj-3/reports/latest", "text/markdown");
    HttpResponse<Buffer> none = get("/api/v1/projects/proj-none/reports/latest", null);
    HttpResponse<Buffer> invalid = get("/api/v1/projects/bad%7Did/reports/latest", null);

    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.bodyAsJsonObject().getString("jobId")).isEqualTo(second);
    assertThat(markdown.bodyAsString()).contains("- New h2: Plans", "- Removed h2: Pricing");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.bodyAsJsonObject().getString("code")).isEqualTo("REPORT_NOT_FOUND");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void pageContentCannotInjectScriptIntoTheHtmlReport() throws Exception {
    String id = completedJob("proj-4", EVIL);

    String html = get("/api/v1/reports/" + id, "text/html").bodyAsString();
    Document doc = Jsoup.parse(html);

    assertThat(doc.select("script, img, svg, iframe")).isEmpty();
    for (Element e : doc.getAllElements()) {
      for (Attribute a : e.attributes()) {
        assertThat(a.getKey()).doesNotStartWith("on");
      }
    }
    assertThat(doc.select("td").eachText()).contains("Evil \"Co' <script>alert(1)</script>");
    assertThat(doc.select("dd").eachText()).contains("\"><script>alert(2)</script>");
    assertThat(doc.select("li").eachText()).contains("<img src=x onerror=alert(3)>", "'\" onmouseover=\"alert(4)");
  }
}
