package io.vigil.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scale figure: drain rate of a 600-job backlog with 1, 2 and 4 worker containers against one Redis master,
 * and where the CPU went meanwhile (cgroup CPU time per container, in cores). Workers start and warm up first;
 * the backlog is queued while the queue is paused, then resumed. Runs on the drills' cluster ({@link SharedCluster}),
 * whose roles idle meanwhile. A figure, not a timed assertion: on a shared 2-core machine it shows the curve's
 * shape, not its ceiling.
 */
@ExtendWith({DockerCondition.class, SharedCluster.class})
class WorkerScaleFigureTest {

  private static final int BACKLOG = 600;
  private static final int WARM_UP = 200;
  private static final int SUBMIT_RATE = 200;

  private final ContainerCluster cluster;

  WorkerScaleFigureTest(ContainerCluster cluster) {
    this.cluster = cluster;
  }

  @Test
  void drainRateWithOneTwoAndFourWorkerContainers() throws Exception {
    List<String> started = startWorkers(cluster);
    try {
      URI gateway = cluster.gatewayUris().get(0);
      for (int workers : List.of(1, 2, 4)) {
        String queue = "scale" + workers;
        submitAndDrain(cluster, queue, "warm", WARM_UP);
        assertThat(admin(gateway, "/api/v1/queues/" + queue + "/pause")).isLessThan(300);
        RestLoad backlog = submit(cluster, queue, "backlog", BACKLOG);
        Map<String, Long> cpuBefore = cpu(cluster);
        long resumedAt = System.currentTimeMillis();
        assertThat(admin(gateway, "/api/v1/queues/" + queue + "/resume")).isLessThan(300);
        DrillFigures figures = DrillFigures.collect(queue, cluster.topology, "vigil", backlog, 0, 0, Duration.ofMinutes(5),
            List::of);
        Map<String, Long> cpuAfter = cpu(cluster);
        long drainMs = Math.max(1, figures.lastCompletionMs() - figures.firstCompletionMs());
        long windowNs = Math.max(1, figures.lastCompletionMs() - resumedAt) * 1_000_000;
        System.out.printf("containers.scale.workers_%d.drain_rate %.0f jobs/s (%d jobs in %d ms)%n", workers,
            figures.completed() * 1000.0 / drainMs, figures.completed(), drainMs);
        cpuAfter.forEach((host, after) -> System.out.printf("containers.scale.workers_%d.cpu.%s %.2f cores%n",
            workers, host, (after - cpuBefore.getOrDefault(host, 0L)) / (double) windowNs));
        System.out.println("containers.scale.workers_" + workers + ".host_loadavg "
            + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " runnable (2 cores)");
        assertThat(figures.lost()).isEmpty();
      }
    } finally {
      started.forEach(cluster::removeRole);
    }
  }

  /**
   * Four workers started at once (JVM start-up is most of the time): worker 1 consumes scale1, scale2 and scale4,
   * worker 2 scale2 and scale4, workers 3 and 4 scale4 only, so queue scaleN has N workers and the others idle.
   */
  private static List<String> startWorkers(ContainerCluster cluster) {
    Map<List<String>, String> groups = Map.of(List.of("scale-worker-1"), "scale1,scale2,scale4",
        List.of("scale-worker-2"), "scale2,scale4", List.of("scale-worker-3", "scale-worker-4"), "scale4");
    // No run log here: a debug line per job would cost the figure CPU.
    List<CompletableFuture<Void>> starts = groups.entrySet().stream().map(group -> CompletableFuture.runAsync(() ->
        cluster.startRoles(group.getKey(), Map.of("VIGIL_WORKER_QUEUES", group.getValue(),
            "VIGIL_LOG_LEVELS", "io.vigil.worker.JobRunLog=info")))).toList();
    starts.forEach(CompletableFuture::join);
    return groups.keySet().stream().flatMap(List::stream).toList();
  }

  private static RestLoad submit(ContainerCluster cluster, String queue, String prefix, int jobs) {
    RestLoad load = new RestLoad(cluster::gatewayUris, ContainerCluster.TOKEN, queue, new JsonObject())
        .idPrefix(queue + "-" + prefix).start(SUBMIT_RATE);
    HostFaultDrillsTest.sleep(jobs * 1000L / SUBMIT_RATE);
    load.stop(Duration.ofSeconds(30));
    return load;
  }

  private static void submitAndDrain(ContainerCluster cluster, String queue, String prefix, int jobs) {
    RestLoad load = submit(cluster, queue, prefix, jobs);
    assertThat(DrillFigures.collect(queue, cluster.topology, "vigil", load, 0, 0, Duration.ofMinutes(3), List::of).lost())
        .isEmpty();
  }

  private static int admin(URI gateway, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ContainerCluster.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** CPU nanoseconds so far of the master, the gateway and every worker, by host name. */
  private static Map<String, Long> cpu(ContainerCluster cluster) {
    Map<String, Long> cpu = new LinkedHashMap<>();
    cpu.put("redis_master", cluster.backend.hostNamed(cluster.topology.currentMaster().name()).cpuNanos());
    cluster.roles.forEach((host, role) -> cpu.put(host.replace('-', '_'), role.container().cpuNanos()));
    return cpu;
  }
}
