package io.vigil.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.vertx.core.json.JsonObject;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

/**
 * The compose deployment for real: built from the local images, up with three workers, every health check
 * passing, jobs submitted over REST from the host, {@code vigil doctor} and {@code vigil drill} through the
 * {@code ops} profile, the master's container killed, every acknowledged job completed, then down with volumes.
 */
@ExtendWith(DockerCondition.class)
class ComposeDeploymentTest {

  /** A queue the compose file's workers consume (VIGIL_WORKER_QUEUES is not set there: the default). */
  private static final String QUEUE = "default";
  private final DockerClient docker = DockerClientFactory.instance().client();

  @Test
  void theComposeFileRunsThreeWorkersSurvivesAMasterKillAndCompletesEveryAcknowledgedJob() throws Exception {
    try (ComposeDeployment deployment = new ComposeDeployment(Path.of("target", "compose").toAbsolutePath())) {
      System.out.println("containers.compose.command " + deployment.composeCommand());
      long started = System.currentTimeMillis();
      ComposeDeployment.Result build = deployment.compose(Duration.ofMinutes(10), "--profile", "ops", "build");
      assertThat(build.code()).as(build.output()).isZero();
      ComposeDeployment.Result up = deployment.compose(Duration.ofMinutes(10), "up", "-d", "--scale", "worker=3");
      assertThat(up.code()).as(up.output()).isZero();
      awaitHealthy(deployment.project, 11, Duration.ofMinutes(10));
      System.out.println("containers.compose.healthy_after " + (System.currentTimeMillis() - started) / 1000 + " s");
      assertNetworks(deployment);

      URI gateway = URI.create("http://" + address(service(deployment.project, "gateway").get(0)) + ":8080");
      RestLoad load = new RestLoad(() -> List.of(gateway), deployment.token, QUEUE, new JsonObject()).start(20);
      try {
        HostFaultDrillsTest.sleep(5000);
        ComposeDeployment.Result doctor = deployment.compose(Duration.ofMinutes(5), "--profile", "ops", "run", "--rm",
            "ops", "doctor");
        System.out.println("containers.compose.doctor_exit " + doctor.code() + "\n" + doctor.output());
        assertThat(doctor.code()).as("vigil doctor found a FAIL:\n" + doctor.output()).isZero();
        ComposeDeployment.Result drill = deployment.compose(Duration.ofMinutes(8), "--profile", "ops", "run", "--rm",
            "ops", "drill", "--rate", "20", "--warmup", "3", "--after", "5", "--drain", "60");
        System.out.println("containers.compose.drill_exit " + drill.code() + "\n" + drill.output());
        assertThat(drill.code()).as("vigil drill:\n" + drill.output()).isZero();

        String masterService = currentMasterService(deployment);
        long faultAt = System.currentTimeMillis();
        docker.killContainerCmd(service(deployment.project, masterService).get(0).getId()).exec();
        System.out.println("containers.compose.killed " + masterService);
        HostFaultDrillsTest.sleep(20_000);
        long stoppedAt = System.currentTimeMillis();
        load.stop(Duration.ofSeconds(30));
        Map<String, Long> finished = awaitCompleted(deployment, load, Duration.ofSeconds(120));
        long lost = load.acked.keySet().stream().filter(id -> !finished.containsKey(id)).count();
        long outage = DrillFigures.longestGap(faultAt, stoppedAt, finished.values());
        System.out.println("containers.compose.acknowledged " + load.acked.size() + " jobs\ncontainers.compose.completed "
            + finished.size() + " jobs\ncontainers.compose.lost " + lost + " jobs\ncontainers.compose.outage " + outage
            + " ms\ncontainers.compose.client_retries " + load.retries.get() + " requests");
        assertThat(load.acked).isNotEmpty();
        assertThat(lost).as("acknowledged jobs not completed").isZero();
      } finally {
        load.close();
      }
    }
  }

  /** Asks a Sentinel (from inside its container) which data node is master; announced names are service names. */
  private String currentMasterService(ComposeDeployment deployment) {
    Container sentinel = service(deployment.project, "sentinel-1").get(0);
    var exec = docker.execCreateCmd(sentinel.getId()).withAttachStdout(true).withAttachStderr(true)
        .withCmd("sh", "-c", "REDISCLI_AUTH=\"$CONF_SENTINEL_PASSWORD\" redis-cli -p 26379 sentinel get-master-addr-by-name \"$CONF_MASTER_NAME\" | head -n 1")
        .exec();
    StringBuilder out = new StringBuilder();
    try {
      docker.execStartCmd(exec.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
        @Override
        public void onNext(com.github.dockerjava.api.model.Frame frame) {
          out.append(new String(frame.getPayload()));
        }
      }).awaitCompletion(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String host = out.toString().trim();
    assertThat(host).as("master named by sentinel-1").startsWith("redis-");
    return host;
  }

  private List<Container> service(String project, String service) {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service)).exec();
  }

  /**
   * Redis only on the data network; the roles on app as well, and their one Hazelcast cluster (gateway, dispatcher,
   * 3 workers) formed over app addresses.
   */
  private void assertNetworks(ComposeDeployment deployment) {
    String data = deployment.project + "_data";
    String app = deployment.project + "_app";
    for (String redis : List.of("redis-master", "redis-replica-1", "redis-replica-2", "sentinel-1", "sentinel-2",
        "sentinel-3")) {
      assertThat(networks(service(deployment.project, redis).get(0))).as(redis).containsExactly(data);
    }
    for (String role : List.of("gateway", "worker", "dispatcher")) {
      for (Container c : service(deployment.project, role)) {
        assertThat(networks(c)).as(role).containsExactlyInAnyOrder(app, data);
      }
    }
    String gatewayId = service(deployment.project, "gateway").get(0).getId();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<String> members = List.of();
    while (System.nanoTime() < deadline) {
      String logs = ComposeDeployment.run(List.of("docker", "logs", gatewayId), Duration.ofSeconds(30)).output();
      // Hazelcast lists the members on each change: "Members {size:5, ver:5} [", one "Member [ip]:port" a line, "]".
      int last = logs.lastIndexOf("Members {size:");
      int end = last < 0 ? -1 : logs.indexOf("\n]", last);
      members = end < 0 ? List.of() : logs.substring(last, end).lines().map(String::trim)
          .filter(line -> line.startsWith("Member [")).map(line -> line.substring(8, line.indexOf(']'))).toList();
      if (members.size() == 5) {
        break;
      }
      HostFaultDrillsTest.sleep(2000);
    }
    System.out.println("containers.compose.cluster_members " + members);
    assertThat(members).as("the roles' cluster").hasSize(5).allMatch(a -> a.startsWith(deployment.appSubnetPrefix));
  }

  private java.util.Set<String> networks(Container container) {
    return docker.inspectContainerCmd(container.getId()).exec().getNetworkSettings().getNetworks().keySet();
  }

  private String address(Container container) {
    InspectContainerResponse inspect = docker.inspectContainerCmd(container.getId()).exec();
    return inspect.getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
  }

  private void awaitHealthy(String project, int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> health = new TreeMap<>();
    while (System.nanoTime() < deadline) {
      health.clear();
      for (Container c : docker.listContainersCmd().withLabelFilter(Map.of("com.docker.compose.project", project)).exec()) {
        String status = c.getStatus();
        health.put(c.getNames()[0], status.contains("(healthy)") ? "healthy" : status);
      }
      if (health.size() == expected && health.values().stream().allMatch("healthy"::equals)) {
        return;
      }
      HostFaultDrillsTest.sleep(2000);
    }
    throw new AssertionError("not every container healthy within " + timeout + ": " + health);
  }

  /**
   * Job id -> completion time (Redis TIME) for every acknowledged job completed, read from the master's event
   * stream (the host reaches the Redis containers at their fixed addresses), polling until all are or timeout.
   */
  private static Map<String, Long> awaitCompleted(ComposeDeployment deployment, RestLoad load, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> finished = new TreeMap<>();
    while (true) {
      try {
        Endpoint master = master(deployment);
        Map<String, Integer> counts = new java.util.HashMap<>();
        Map<String, Long> first = new java.util.HashMap<>();
        DrillFigures.readCompletions(args -> {
          try (RespConnection connection = RespConnection.open(master, new Credentials(null, deployment.adminPassword))) {
            return connection.command(args);
          }
        }, "vigil:{" + QUEUE + "}:events", counts, first);
        finished.clear();
        load.acked.keySet().stream().filter(first::containsKey).forEach(id -> finished.put(id, first.get(id)));
      } catch (RuntimeException e) {
        System.out.println("containers.compose.read_failed " + e.getMessage());
      }
      if (finished.size() == load.acked.size() || System.nanoTime() > deadline) {
        return finished;
      }
      HostFaultDrillsTest.sleep(2000);
    }
  }

  /** The master the Sentinels name (a service name), at its fixed address. */
  private static Endpoint master(ComposeDeployment deployment) {
    for (String sentinel : List.of("sentinel-1", "sentinel-2", "sentinel-3")) {
      try (RespConnection connection = RespConnection.open(new Endpoint(deployment.fixed.get(sentinel), 26379),
          new Credentials(null, deployment.sentinelPassword))) {
        List<?> address = (List<?>) connection.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster");
        return new Endpoint(deployment.fixed.get(String.valueOf(address.get(0))), 6379);
      } catch (RuntimeException e) {
        // the next Sentinel
      }
    }
    throw new IllegalStateException("no Sentinel named the master");
  }
}
