package io.vigil.containers;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class that asks for a {@link ContainerCluster} parameter the same one, started on first use and
 * removed when the whole run ends: starting a dozen containers and JVMs is most of the suite's time, and the drills
 * and the scale figure each use queues of their own. The cluster: 2 gateways, 2 workers consuming the drill queues,
 * 2 dispatchers, a 4 s lease, and the workers' run log on.
 */
final class SharedCluster implements ParameterResolver {

  static final String DRILL_QUEUES = "minority,workercut,freeze,kill,partition,gatewaykill,rolling,cron";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

  /** Closed by JUnit when the root context ends. */
  private record Holder(ContainerCluster cluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ContainerCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", key -> new Holder(start()),
        Holder.class).cluster();
  }

  private static ContainerCluster start() {
    Path dir = Path.of("target", "drills", "cluster-" + System.currentTimeMillis()).toAbsolutePath();
    return ContainerCluster.start("drills", dir, 2, 2, 2, Map.of(
        "VIGIL_WORKER_QUEUES", DRILL_QUEUES,
        "VIGIL_LEASE_MS", "4000", "VIGIL_STALLED_INTERVAL_MS", "1000",
        "VIGIL_LOG_LEVELS", "io.vigil.worker.JobRunLog=debug"));
  }
}
