package io.vigil.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scale figure: drain rate of a backlog with 1, 2 and 4 worker containers against one Redis master, and
 * where the CPU went meanwhile (cgroup CPU time per container against the machine's cores). A figure, not a
 * timed assertion: on a shared 2-core machine it shows the curve's shape, not its ceiling.
 */
@ExtendWith(DockerCondition.class)
class WorkerScaleFigureTest {

  private static final int BACKLOG = 1000;

  @Test
  void drainRateWithOneTwoAndFourWorkerContainers() {
    Path dir = Path.of("target", "drills", "scale-" + System.currentTimeMillis()).toAbsolutePath();
    try (ContainerCluster cluster = ContainerCluster.start("scale", dir, 1, 0, 0, Map.of())) {
      for (int workers : List.of(1, 2, 4)) {
        String queue = "scale" + workers;
        RestLoad backlog = new RestLoad(cluster::gatewayUris, ContainerCluster.TOKEN, queue, new JsonObject()).start(200);
        HostFaultDrillsTest.sleep(BACKLOG * 1000L / 200);
        backlog.stop(Duration.ofSeconds(30));
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
          hosts.add(queue + "-worker-" + i);
        }
        cluster.startRoles(hosts, Map.of("VIGIL_WORKER_QUEUES", queue));
        Map<String, Long> cpuBefore = cpu(cluster);
        long wallBefore = System.nanoTime();
        DrillFigures figures = DrillFigures.collect(queue, cluster.topology, "vigil", backlog, 0, 0,
            Duration.ofMinutes(5));
        long wall = System.nanoTime() - wallBefore;
        Map<String, Long> cpuAfter = cpu(cluster);
        long firstToLast = figures.lastCompletionMs() - figures.firstCompletionMs();
        System.out.printf("containers.scale.workers_%d.drain_rate %.0f jobs/s (%d jobs in %d ms)%n", workers,
            figures.completed() * 1000.0 / Math.max(1, firstToLast), figures.completed(), firstToLast);
        cpuAfter.forEach((host, after) -> System.out.printf("containers.scale.workers_%d.cpu.%s %.2f cores%n",
            workers, host, (after - cpuBefore.getOrDefault(host, 0L)) / (double) wall));
        assertThat(figures.lost()).isEmpty();
        hosts.forEach(cluster::removeRole);
      }
    }
  }

  /** CPU nanoseconds so far of the master, the gateway and every worker, by host name. */
  private static Map<String, Long> cpu(ContainerCluster cluster) {
    Map<String, Long> cpu = new LinkedHashMap<>();
    cpu.put("redis_master", cluster.backend.hostNamed(cluster.topology.currentMaster().name()).cpuNanos());
    cluster.roles.forEach((host, role) -> cpu.put(host.replace('-', '_'), role.container().cpuNanos()));
    return cpu;
  }
}
