package io.vigil.testkit;

import io.vigil.sentinelconfig.Secrets;
import io.vigil.topology.NodeKind;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts servers and topologies for tests: child processes in a fresh folder under the module's
 * {@code target/redis-test/}, with the test defaults (down-after 1 s and fast Sentinel timers, so a failover
 * takes seconds). The caller closes what it gets; {@link RedisExtension} does that for injected ones.
 */
public final class TestTopologies {

  private TestTopologies() {}

  public static TopologySpec spec() {
    return new TopologySpec("mymaster", Secrets.none(), "vigil", 1000, true, false, List.of(), List.of());
  }

  public static SentinelTopology sentinel(TopologySpec spec) {
    return sentinel("sentinel", spec);
  }

  public static SentinelTopology sentinel(String name, TopologySpec spec) {
    ProcessBackend backend = ProcessBackend.local();
    // A missing binary fails before any folder is created or process started.
    backend.command(NodeKind.DATA, Path.of("redis.conf"));
    backend.command(NodeKind.SENTINEL, Path.of("sentinel.conf"));
    return SentinelTopology.start(backend, TestDirectories.create(name), spec);
  }

  public static RedisNode server(RedisServerConfig config) {
    ProcessBackend backend = ProcessBackend.local();
    backend.command(NodeKind.DATA, Path.of("redis.conf"));
    return config.start(backend, TestDirectories.create(config.name()));
  }
}
