package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vigil.app.support.NodeProcess;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobState;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway JVM and two worker JVMs (each also a cron dispatcher) form one Vert.x cluster over Hazelcast
 * TCP-IP on loopback; the test JVM joins as a fourth member. Redis is the source of truth.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final String TOKEN = "cluster-test-token-0123456789";
  private static final String PREFIX = "vc";
  private static final String SECRET = "cluster-test-secret-0123456789";
  private static final Duration POLL = Duration.ofMillis(50);
  private final Path logs = Path.of("target", "cluster-test");
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private List<Integer> clusterPorts;
  private NodeProcess gateway;
  private NodeProcess workerA;
  private NodeProcess workerB;
  private Vertx member;
  private Vertx plain;
  private WebClient http;
  private int gatewayPort;
  private Engine engine;

  @BeforeAll
  void startCluster(RedisNode redis) throws Exception {
    redis.flushAll();
    clusterPorts = List.of(freePort(), freePort(), freePort(), freePort(), freePort());
    List<String> members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList();
    env.putAll(Map.of("REDIS_HOST", redis.host(), "REDIS_PORT", Integer.toString(redis.port()),
        "REDIS_QUEUE_PREFIX", PREFIX, "VIGIL_API_TOKENS", "ops:" + TOKEN + ":admin",
        "VIGIL_CLUSTER_MEMBERS", String.join(",", members), "VIGIL_CLUSTER_HOST", "127.0.0.1",
        "VIGIL_HTTP_PORT", "0", "VIGIL_WORKER_QUEUES", "default", "VIGIL_WORKER_CONCURRENCY", "4",
        "VIGIL_SHUTDOWN_GRACE_MS", "15000"));
    env.put("VIGIL_CLUSTER_SECRET", SECRET);
    env.putAll(Map.of("VIGIL_LEASE_MS", "3000", "VIGIL_STALLED_INTERVAL_MS", "500", "VIGIL_DISPATCHER_TICK_MS", "100",
        "VIGIL_GATEWAY_INSTANCES", "1"));
    gateway = start("gateway", "gateway,dispatcher", 0);
    gatewayPort = gateway.awaitReady(Duration.ofSeconds(60));
    workerA = start("worker-a", "worker,dispatcher", 1);
    workerA.awaitReady(Duration.ofSeconds(60));
    workerB = start("worker-b", "worker,dispatcher", 2);
    workerB.awaitReady(Duration.ofSeconds(60));
    member = VertxFactory.create(new ClusterSettings(members, "127.0.0.1", clusterPorts.get(3), 0, "vigil", SECRET, null)).await();
    plain = Vertx.vertx();
    http = WebClient.create(plain);
    engine = Engine.create(RedisConnector.connect(plain, RedisSettings.standalone(redis.host(), redis.port())).await(),
        EngineSettings.defaults(PREFIX), Clock.systemUTC(), false);
  }

  @AfterAll
  void stopCluster() {
    nodes.forEach(NodeProcess::close);
    if (member != null) {
      member.close().await();
    }
    if (plain != null) {
      plain.close().await();
    }
  }

  @Test
  @Order(1)
  void restSubmissionsAreProcessedByBothWorkerJvms() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      HttpResponse<Buffer> response = post("/api/v1/queues/default/jobs", new JsonObject().put("name", "echo")
          .put("data", new JsonObject().put("n", i).put("sleepMs", 50)));
      assertThat(response.statusCode()).isEqualTo(201);
      ids.add(response.bodyAsJsonObject().getString("id"));
    }

    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> ids.stream().allMatch(id -> state(id) == JobState.COMPLETED));

    Set<String> workers = new HashSet<>();
    ids.forEach(id -> workers.add(engine.admin().getJob("default", id).await().worker()));
    assertThat(workers).anyMatch(w -> w.contains("-" + workerA.pid() + "-")).anyMatch(w -> w.contains("-" + workerB.pid() + "-"));
  }

  @Test
  @Order(2)
  void eventBusSubmissionFromAnotherMemberIsAcceptedAndProcessed() throws Exception {
    JsonObject body = new JsonObject().put("queue", "default").put("name", "echo").put("jobId", "from-the-bus")
        .put("data", new JsonObject().put("via", "event bus"));

    JsonObject reply = (JsonObject) member.eventBus().request("vigil.jobs.submit", body,
        new DeliveryOptions().setSendTimeout(10_000).addHeader("authorization", "Bearer " + TOKEN)).await().body();

    assertThat(reply.getInteger("status")).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> state("from-the-bus") == JobState.COMPLETED);
    assertThat(engine.admin().getJob("default", "from-the-bus").await().resultJson()).contains("event bus");
  }

  @Test
  @Order(3)
  void cronFireIsEnqueuedOnceAcrossThreeDispatcherJvms() throws Exception {
    JsonObject schedule = new JsonObject().put("cron", "* * * * * ?").put("timezone", "UTC").put("queue", "default")
        .put("name", "echo").put("data", new JsonObject().put("tick", true));
    assertThat(send("PUT", "/api/v1/schedules/every-second", schedule).statusCode()).isIn(200, 201);
    // The race under test: three dispatcher JVMs tick the schedule for this long.
    Thread.sleep(4_500);
    assertThat(send("DELETE", "/api/v1/schedules/every-second", null).statusCode()).isIn(200, 204);
    // A grace for ticks that read the schedule before the delete; no state marks their end.
    Thread.sleep(500);

    TreeSet<Long> fires = new TreeSet<>();
    for (JobState state : JobState.values()) {
      engine.admin().list("default", state, 500, null).await().jobs().stream().map(Job::id)
          .filter(id -> id.startsWith("cron-every-second-"))
          .forEach(id -> fires.add(Long.parseLong(id.substring("cron-every-second-".length()))));
    }
    long created = 0;
    for (NodeProcess node : List.of(gateway, workerA, workerB)) {
      created += firesCounted(node);
    }
    System.out.printf("cron fires=%d jobs created by 3 dispatchers=%d%n", fires.size(), created);
    assertThat(fires.size()).isGreaterThanOrEqualTo(3);
    assertThat(fires.last() - fires.first()).isEqualTo((fires.size() - 1) * 1000L);
    assertThat(created).isEqualTo(fires.size());
    String metrics = http.get(gatewayPort, "127.0.0.1", "/metrics").bearerTokenAuthentication(TOKEN).send().await()
        .bodyAsString();
    assertThat(metrics).contains("vigil_queue_jobs{queue=\"default\",state=\"completed\"}")
        .contains("vigil_redis_failovers_total").contains("vigil_jobs_submitted_total");
  }

  @Test
  @Order(4)
  void killNineOfAWorkerMidJobLetsTheOtherWorkerCompleteIt() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(post("/api/v1/queues/default/jobs", new JsonObject().put("name", "echo")
          .put("data", new JsonObject().put("sleepMs", 2_500))).bodyAsJsonObject().getString("id"));
    }
    String marker = "-" + workerA.pid() + "-";
    await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> ids.stream().anyMatch(id -> state(id) == JobState.ACTIVE && worker(id).contains(marker)));
    List<String> onA = ids.stream().filter(id -> state(id) == JobState.ACTIVE && worker(id).contains(marker)).toList();

    workerA.kill9();
    long killedAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> ids.stream().allMatch(id -> state(id) == JobState.COMPLETED));

    System.out.printf("kill -9 worker: jobs on it=%d, all completed after %d ms%n", onA.size(), (System.nanoTime() - killedAt) / 1_000_000);
    for (String id : onA) {
      Job job = engine.admin().getJob("default", id).await();
      assertThat(job.stalls()).isEqualTo(1);
      assertThat(job.worker()).contains("-" + workerB.pid() + "-");
    }
  }

  @Test
  @Order(5)
  void sigtermOfAWorkerFinishesItsJobsAndLosesOrStallsNothing() throws Exception {
    NodeProcess workerC = start("worker-c", "worker", 4);
    workerC.awaitReady(Duration.ofSeconds(60));
    String marker = "-" + workerC.pid() + "-";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(post("/api/v1/queues/default/jobs", new JsonObject().put("name", "echo")
          .put("data", new JsonObject().put("sleepMs", 1_500))).bodyAsJsonObject().getString("id"));
    }
    await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> ids.stream().anyMatch(id -> state(id) == JobState.ACTIVE && worker(id).contains(marker)));

    int exit = workerC.terminate(Duration.ofSeconds(30));

    await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).until(() -> ids.stream().allMatch(id -> state(id) == JobState.COMPLETED));
    long ranOnC = ids.stream().filter(id -> worker(id).contains(marker)).count();
    System.out.printf("SIGTERM worker: exit=%d, jobs it completed=%d%n", exit, ranOnC);
    // 143 = 128 + SIGTERM: the JVM's normal exit after its shutdown hooks ran; the log proves they finished.
    assertThat(exit).isEqualTo(143);
    assertThat(workerC.output()).contains("shutdown=done");
    assertThat(ranOnC).isPositive();
    for (String id : ids) {
      assertThat(engine.admin().getJob("default", id).await().stalls()).as("stalls of %s", id).isZero();
    }
    HttpResponse<Buffer> workers = http.get(gatewayPort, "127.0.0.1", "/api/v1/workers").bearerTokenAuthentication(TOKEN).send().await();
    assertThat(workers.bodyAsString()).doesNotContain(marker);
  }

  private NodeProcess start(String name, String roles, int portIndex) throws IOException {
    Map<String, String> nodeEnv = new HashMap<>(env);
    nodeEnv.put("VIGIL_CLUSTER_PORT", Integer.toString(clusterPorts.get(portIndex)));
    NodeProcess node = NodeProcess.start(name, roles, nodeEnv, logs);
    nodes.add(node);
    return node;
  }

  private long firesCounted(NodeProcess node) throws IOException {
    Matcher port = Pattern.compile("vigil ready roles=\\S+ http=http://[^:]+:(\\d+)").matcher(node.output());
    assertThat(port.find()).isTrue();
    // The gateway's /metrics needs a read-role token; the workers' ignore it.
    String metrics = http.get(Integer.parseInt(port.group(1)), "127.0.0.1", "/metrics").bearerTokenAuthentication(TOKEN)
        .send().await().bodyAsString();
    long total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("vigil_dispatcher_fires_total")) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return send("POST", path, body);
  }

  private HttpResponse<Buffer> send(String method, String path, JsonObject body) {
    var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), gatewayPort, "127.0.0.1", path)
        .bearerTokenAuthentication(TOKEN);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private JobState state(String id) {
    return engine.admin().getJob("default", id).await().state();
  }

  private String worker(String id) {
    String worker = engine.admin().getJob("default", id).await().worker();
    return worker == null ? "" : worker;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
