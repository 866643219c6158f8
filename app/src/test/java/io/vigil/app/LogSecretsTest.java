package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.vigil.app.support.NodeProcess;
import io.vigil.testkit.TestDirectories;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.LocalCredentials;
import io.vigil.topology.SentinelTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A JVM running every role against a password-protected Sentinel topology, logging at DEBUG: the Redis
 * passwords and the API tokens (the valid one and a refused one) appear in no line, in either format; in
 * JSON every line is one object, with the master, queue, job id and worker as fields.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogSecretsTest {
  private static final String TOKEN = "log-test-token-0123456789abcdef";
  private static final String WRONG_TOKEN = "wrong-token-fedcba9876543210";
  private final HttpClient http = HttpClient.newHttpClient();
  private SentinelTopology topology;

  @BeforeAll
  void startTopology() {
    Path credentials = TestDirectories.create("log-secrets-credentials");
    topology = TestTopologies.sentinel("log-secrets", TestTopologies.spec().withKeyPrefix("logs")
        .withSecrets(LocalCredentials.loadOrCreate(credentials, "vigil")));
  }

  @AfterAll
  void stopTopology() {
    if (topology != null) {
      topology.close();
    }
  }

  @Test
  void jsonLogsCarryTheFieldsAndNoSecret() throws Exception {
    String id;
    String output;
    try (NodeProcess node = start("json")) {
      id = cancelALongJob(node.awaitReady(Duration.ofSeconds(60)), node);
      node.terminate(Duration.ofSeconds(30));
      output = node.output();
    }

    assertNoSecret(output);
    List<String> lines = output.lines().filter(l -> !l.isBlank() && !l.startsWith("vigil ready ")).toList();
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(new JsonObject(line).fieldNames())
        .contains("time", "level", "logger", "thread", "message"));
    List<JsonObject> events = lines.stream().map(JsonObject::new).toList();
    assertThat(events).anySatisfy(e -> assertThat(e.getString("master")).endsWith(":" + topology.currentMaster().port()));
    assertThat(events).anySatisfy(e -> {
      assertThat(e.getString("message")).startsWith("job cancelled");
      assertThat(e.getString("queue")).isEqualTo("default");
      assertThat(e.getString("jobId")).isEqualTo(id);
      assertThat(e.getString("workerId")).isNotBlank();
    });
    assertThat(events).anySatisfy(e -> assertThat(e.getString("level")).isEqualTo("DEBUG"));
  }

  @Test
  void textLogsAreLinesWithKeyValuePairsAndNoSecret() throws Exception {
    String id;
    String output;
    try (NodeProcess node = start("text")) {
      id = cancelALongJob(node.awaitReady(Duration.ofSeconds(60)), node);
      node.terminate(Duration.ofSeconds(30));
      output = node.output();
    }

    assertNoSecret(output);
    assertThat(output.lines()).anySatisfy(line -> assertThat(line)
        .matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO +\\[.+] \\S+ - job cancelled .*queue=default jobId=" + id + ".*"));
    assertThat(output).doesNotContain("{\"time\"");
  }

  private NodeProcess start(String format) throws Exception {
    Map<String, String> env = new HashMap<>(ClientEnvironment.of(topology));
    env.putAll(Map.of("VIGIL_API_TOKENS", "ops:" + TOKEN + ":admin", "VIGIL_HTTP_PORT", "0",
        "VIGIL_WORKER_QUEUES", "default", "VIGIL_GATEWAY_INSTANCES", "1", "VIGIL_LOG_FORMAT", format,
        "VIGIL_LOG_LEVEL", "debug"));
    return NodeProcess.start("log-" + format, "all", env, Path.of("target", "log-secrets-test"));
  }

  /** A refused token, then a job that runs until it is cancelled; returns its id once the worker logged the cancel. */
  private String cancelALongJob(int port, NodeProcess node) throws Exception {
    String submit = "/api/v1/queues/default/jobs";
    String body = "{\"name\":\"echo\",\"data\":{\"sleepMs\":30000}}";
    assertThat(send(port, submit, WRONG_TOKEN, body).statusCode()).isEqualTo(401);
    HttpResponse<String> created = send(port, submit, TOKEN, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("id");
    await().atMost(Duration.ofSeconds(20)).until(() -> send(port, submit + "/" + id + "/cancel", TOKEN, null).statusCode() == 202);
    await().atMost(Duration.ofSeconds(20)).until(() -> node.output().contains("job cancelled"));
    return id;
  }

  private HttpResponse<String> send(int port, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void assertNoSecret(String output) {
    assertThat(output).isNotBlank().doesNotContain(TOKEN, WRONG_TOKEN, topology.secrets().appPassword(),
        topology.secrets().adminPassword());
  }
}
