package io.vigil.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vigil.topology.RedisNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault drills across hosts: every Redis node, Sentinel and role in its own container (2 gateways, 2 workers,
 * 2 dispatchers), REST submissions from the host under 100/s, a fault, then a drain. Each drill prints
 * {@code containers.<drill>.*} figures and asserts the guarantees: no acknowledged job lost, none completed
 * twice. One cluster ({@link SharedCluster}) serves every drill, each on its own queue, in this order.
 */
@ExtendWith({DockerCondition.class, SharedCluster.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostFaultDrillsTest {

  private static final int RATE = 50;
  private static final long DOWN_AFTER_MS = 2000;
  private static ContainerCluster cluster;

  @BeforeAll
  static void useCluster(ContainerCluster shared) {
    cluster = shared;
  }

  @Test
  @Order(1)
  void oneSentinelHostCutOffCausesNoFailoverAndNoLoss() {
    String masterBefore = cluster.topology.currentMaster().name();
    DrillFigures figures = drill("minority", new JsonObject(), () -> {
      NetworkCut cut = NetworkCut.isolate(cluster.backend.hostNamed("sentinel-3"));
      sleep(2 * DOWN_AFTER_MS + 2000); // a failover, were one to start, would have by then
      cut.heal();
    });
    assertThat(cluster.topology.currentMaster().name()).as("no failover").isEqualTo(masterBefore);
    assertGuarantees(figures);
  }

  @Test
  @Order(2)
  void aWorkerCutOffFromRedisHasItsJobsRunByTheOtherWithoutDuplicateCompletion() {
    DrillFigures figures = drill("workercut", new JsonObject().put("sleepMs", 500), () -> {
      List<ContainerHost> redis = redisHosts();
      NetworkCut cut = NetworkCut.partition(List.of(cluster.role("worker-1").container()), redis);
      sleep(4000 + 4000); // past the 4 s lease and the 1 s stalled checks
      cut.heal();
    });
    assertGuarantees(figures);
  }

  @Test
  @Order(3)
  void aFrozenMasterIsReplacedAcknowledgesNothingAfterTheSwitchAndRejoinsAsAReplica() {
    RedisNode old = cluster.topology.currentMaster();
    DrillFigures figures = drill("freeze", new JsonObject(), () -> {
      old.freeze();
      cluster.topology.awaitNewMaster(old, Duration.ofSeconds(60));
      old.thaw();
    });
    assertGuarantees(figures);
    awaitRole(old, "slave", Duration.ofSeconds(60));
  }

  @Test
  @Order(4)
  void aKilledMasterContainerLosesNoAcknowledgedJob() {
    RedisNode old = cluster.topology.currentMaster();
    DrillFigures figures = drill("kill", new JsonObject(), () -> {
      old.kill();
      cluster.topology.awaitNewMaster(old, Duration.ofSeconds(60));
      old.restart();
    });
    assertGuarantees(figures);
    awaitRole(old, "slave", Duration.ofSeconds(60));
  }

  @Test
  @Order(5)
  void theMasterAndOneGatewayPartitionedFromTheRestLoseNothingOnEitherSide() {
    RedisNode old = cluster.topology.currentMaster();
    ContainerHost masterHost = cluster.backend.hostNamed(old.name());
    ContainerHost gateway = cluster.role("gateway-1").container();
    List<ContainerHost> minority = List.of(masterHost, gateway);
    List<ContainerHost> majority = new ArrayList<>(cluster.hosts().values());
    majority.removeAll(minority);
    long[] healedAt = new long[1];
    DrillFigures figures = drill("partition", new JsonObject(), () -> {
      NetworkCut cut = NetworkCut.partition(minority, majority);
      sleep(15_000);
      healedAt[0] = cut.heal();
    });
    // Counted from the moment the last rule began to go (an upper bound): the issue asks for at most 2 s.
    System.out.println("containers.partition.gateway1_ack_after_heal " + loadOf("partition").firstAckVia(
        cluster.role("gateway-1").baseUri(), healedAt[0]) + " ms");
    assertGuarantees(figures);
    awaitRole(old, "slave", Duration.ofSeconds(60));
  }

  @Test
  @Order(6)
  void aGatewayKilledWhileTheOtherServesLosesNothingForRetryingClients() {
    VigilRole gateway = cluster.role("gateway-1");
    DrillFigures figures = drill("gatewaykill", new JsonObject(), () -> {
      gateway.container().kill();
      sleep(3000);
      gateway.container().start();
      gateway.awaitReady(ContainerCluster.ROLE_START);
    });
    assertGuarantees(figures);
  }

  @Test
  @Order(7)
  void aRollingRestartOfEveryWorkerUnderLoadLosesNothing() {
    DrillFigures figures = drill("rolling", new JsonObject().put("sleepMs", 200), () -> {
      for (VigilRole worker : cluster.rolesNamed("worker")) {
        worker.stopGracefully(Duration.ofSeconds(40));
        worker.container().start();
        worker.awaitReady(ContainerCluster.ROLE_START);
      }
    });
    assertGuarantees(figures);
  }

  @Test
  @Order(8)
  void aDispatcherKilledWhileAnotherRunsLeavesOneJobPerFireAndNoneMissed() throws Exception {
    URI gateway = cluster.role("gateway-2").baseUri();
    JsonObject schedule = new JsonObject().put("cron", "* * * * * ?").put("queue", "cron").put("name", "echo")
        .put("misfire", "fire-all");
    assertThat(http("PUT", gateway.resolve("/api/v1/schedules/drill"), schedule.encode()).statusCode()).isEqualTo(200);
    sleep(6000);
    long faultAt = System.currentTimeMillis();
    cluster.role("dispatcher-1").container().kill();
    sleep(10_000);
    assertThat(http("DELETE", gateway.resolve("/api/v1/schedules/drill"), null).statusCode()).isLessThan(300);
    sleep(4000);
    Map<String, Integer> completions = new java.util.HashMap<>();
    Map<String, Long> first = new java.util.HashMap<>();
    DrillFigures.readCompletions(cluster.topology.currentMaster()::command, "vigil:{cron}:events", completions, first);
    List<Long> fires = completions.keySet().stream().filter(id -> id.startsWith("cron-drill-"))
        .map(id -> Long.parseLong(id.substring("cron-drill-".length()))).sorted().toList();
    long missed = 0;
    for (int i = 1; i < fires.size(); i++) {
      missed += (fires.get(i) - fires.get(i - 1)) / 1000 - 1;
    }
    long duplicates = completions.values().stream().filter(n -> n > 1).count();
    long outage = DrillFigures.longestGap(faultAt, faultAt + 10_000, first.values());
    System.out.println("containers.cron.fires_completed " + fires.size() + " jobs\ncontainers.cron.fires_missed " + missed
        + " fires\ncontainers.cron.duplicate_completions " + duplicates + " jobs\ncontainers.cron.outage " + outage + " ms");
    assertThat(fires.size()).as("fires over about 16 s").isGreaterThan(12);
    assertThat(missed).as("fires missed between the first and the last").isZero();
    assertThat(duplicates).isZero();
    cluster.role("dispatcher-1").container().start();
  }

  private static HttpResponse<String> http(String method, URI uri, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ContainerCluster.TOKEN);
    request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // --- the drill loop

  private static final Map<String, RestLoad> LOADS = new java.util.concurrent.ConcurrentHashMap<>();

  private static RestLoad loadOf(String queue) {
    return LOADS.get(queue);
  }

  /** Load on {@code queue} for 3 s, the fault, 4 s more, then stop, drain and print the figures. */
  private static DrillFigures drill(String queue, JsonObject data, Runnable fault) {
    RestLoad load = new RestLoad(cluster::gatewayUris, ContainerCluster.TOKEN, queue, data).start(RATE);
    LOADS.put(queue, load);
    try {
      sleep(3000);
      long faultAt = System.currentTimeMillis();
      fault.run();
      sleep(4000);
      long stoppedAt = System.currentTimeMillis();
      load.stop(Duration.ofSeconds(30));
      DrillFigures figures = DrillFigures.collect(queue, cluster.topology, "vigil", load, faultAt, stoppedAt,
          Duration.ofSeconds(90), () -> cluster.rolesNamed("worker").stream()
              .map(worker -> worker.container().logs(Integer.MAX_VALUE)).toList());
      System.out.print(figures.lines());
      return figures;
    } finally {
      load.close();
    }
  }

  private static void assertGuarantees(DrillFigures figures) {
    assertThat(figures.acknowledged()).as("acknowledged").isPositive();
    assertThat(figures.lost()).as("acknowledged but lost").isEmpty();
    assertThat(figures.duplicateCompletions()).as("completed twice").isZero();
    assertThat(figures.runs()).as("handler starts in the workers' run log").isPositive();
  }

  private static List<ContainerHost> redisHosts() {
    List<ContainerHost> redis = new ArrayList<>();
    for (String name : List.of("master", "replica-1", "replica-2", "sentinel-1", "sentinel-2", "sentinel-3")) {
      redis.add(cluster.backend.hostNamed(name));
    }
    return redis;
  }

  private static void awaitRole(RedisNode node, String role, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "?";
    while (System.nanoTime() < deadline) {
      try {
        last = node.role();
        if (last.equals(role)) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.toString();
      }
      sleep(500);
    }
    throw new AssertionError(node.name() + " did not become " + role + " within " + timeout + "; last: " + last);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
