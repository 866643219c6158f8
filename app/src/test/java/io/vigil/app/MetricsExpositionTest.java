package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.vigil.app.support.NodeProcess;
import io.vigil.app.support.OpsFiles;
import io.vigil.testkit.Promtool;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code /metrics} of a running node (every role, one job done) passes {@code promtool check metrics}, and
 * every metric the shipped alert rules and Grafana dashboard query is one that node exposes.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsExpositionTest {
  private static final String TOKEN = "metrics-test-token-0123456789";
  private static final Pattern METRIC = Pattern.compile("\\b(?:vigil|vertx|jvm|process)_[A-Za-z0-9_]*");
  private static final List<String> MICROMETER_NAMES = List.of("jvm_compilation_time_ms_total ",
      "process_cpu_time_ns_total ", "system_cpu_count ");
  private final Path dir = Path.of("target", "metrics-test");
  private final HttpClient http = HttpClient.newHttpClient();
  private NodeProcess node;
  private String exposition;

  @BeforeAll
  void scrapeARunningNode(RedisNode redis) throws Exception {
    redis.flushAll();
    node = NodeProcess.start("metrics", "all", Map.of("REDIS_HOST", redis.host(), "REDIS_PORT",
        Integer.toString(redis.port()), "VIGIL_API_TOKENS", "ops:" + TOKEN + ":admin", "VIGIL_HTTP_PORT", "0",
        "VIGIL_WORKER_QUEUES", "default", "VIGIL_GATEWAY_INSTANCES", "1"), dir);
    int port = node.awaitReady(Duration.ofSeconds(60));
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/v1/queues/default/jobs")).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"echo\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // Queue depths are polled every 5 s; the job's duration appears once it completed.
    exposition = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> get(port, "/metrics"), text -> text.contains("vigil_queue_jobs{queue=\"default\",state=\"completed\"} 1")
            && text.contains("vigil_job_duration_seconds_count{"));
    Files.writeString(dir.resolve("metrics.txt"), exposition);
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void promtoolFindsNoProblemInVigilsMetrics() throws Exception {
    Promtool.Result result = Promtool.run(dir.resolve("metrics.txt"), "check", "metrics");

    System.out.println("promtool check metrics: exit " + result.exit() + "\n" + result.output().strip());
    List<String> problems = result.output().lines().filter(l -> !l.isBlank()).toList();
    assertThat(problems).noneMatch(l -> l.startsWith("vigil_"));
    // Micrometer's own JVM binders name these; anything else promtool finds fails here.
    assertThat(problems).allMatch(l -> MICROMETER_NAMES.stream().anyMatch(l::startsWith), "a known Micrometer name");
    assertThat(families()).contains("vigil_jobs_submitted_total", "vigil_jobs_completed_total",
        "vigil_jobs_failed_total", "vigil_jobs_retried_total", "vigil_jobs_stalled_total", "vigil_lease_lost_total",
        "vigil_redis_errors_total", "vigil_job_duration_seconds", "vigil_queue_jobs", "vigil_redis_failovers_total",
        "vigil_redis_sentinels_answering", "vigil_redis_sentinels_configured", "vigil_redis_memory_used_bytes",
        "vigil_redis_memory_max_bytes", "vigil_redis_memory_watermark_ratio", "vigil_gateway_refusals_total",
        "vigil_dispatcher_fires_total");
    assertThat(exposition).contains("vigil_gateway_refusals_total{code=\"NOT_DURABLE\"} 0.0");
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardQueryIsExposed() throws Exception {
    Set<String> queried = new TreeSet<>();
    for (Path file : new Path[] {OpsFiles.ALERTS, OpsFiles.DASHBOARD}) {
      Matcher m = METRIC.matcher(Files.readString(file));
      while (m.find()) {
        queried.add(m.group());
      }
    }
    Set<String> exposed = new TreeSet<>();
    exposition.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> exposed.add(l.split("[{ ]", 2)[0]));

    assertThat(queried).as("metrics named by the alerts and the dashboard").hasSizeGreaterThan(10);
    assertThat(exposed).containsAll(queried);
    JsonObject dashboard = new JsonObject(Files.readString(OpsFiles.DASHBOARD));
    assertThat(dashboard.getJsonArray("panels")).isNotEmpty();
  }

  private Set<String> families() {
    Set<String> names = new TreeSet<>();
    exposition.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> names.add(l.split(" ")[2]));
    return names;
  }

  private String get(int port, String path) throws Exception {
    // /metrics needs a token with the read role (or VIGIL_METRICS_TOKEN), as Prometheus is configured to send.
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
