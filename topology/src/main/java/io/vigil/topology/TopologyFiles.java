package io.vigil.topology;

import io.vigil.sentinelconfig.NodeSettings;
import io.vigil.sentinelconfig.SentinelConfigRenderer;
import io.vigil.resp.Endpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the shipped files for one node, so tests and dev run the deployed configuration; differences from
 * them are appended after the template, only when the {@link TopologySpec} asks for them.
 */
final class TopologyFiles {

  private static final SentinelConfigRenderer RENDERER = SentinelConfigRenderer.shipped();

  private final TopologySpec spec;
  private final String host;

  TopologyFiles(TopologySpec spec, String host) {
    this.spec = spec;
    this.host = host;
  }

  /** redis.conf, plus replica.conf when {@code master} is set. */
  String dataNode(Path directory, int port, Endpoint master) {
    List<String> overrides = new ArrayList<>();
    if (spec.fsyncAlways()) {
      overrides.add("appendfsync always");
    }
    overrides.addAll(spec.dataNodeConfig());
    NodeSettings.Builder node = NodeSettings.builder().host(host).port(port).dir(directory)
        .secrets(spec.secrets()).keyPrefix(spec.keyPrefix()).extraLines(overrides);
    if (master != null) {
      node.master(master.host(), master.port());
    }
    return RENDERER.dataNode(node.build());
  }

  String sentinel(Path directory, int port, Endpoint master) {
    List<String> overrides = new ArrayList<>();
    String name = spec.masterName();
    if (spec.downAfterMs() != TopologySpec.SHIPPED_DOWN_AFTER_MS) {
      overrides.add("sentinel down-after-milliseconds " + name + " " + spec.downAfterMs());
    }
    overrides.addAll(spec.sentinelConfig());
    return RENDERER.sentinel(NodeSettings.builder().host(host).port(port).dir(directory)
        .secrets(spec.secrets()).masterName(name).master(master.host(), master.port()).extraLines(overrides).build());
  }

  /** The {@code SENTINEL DEBUG} command for every Sentinel start; empty with stock timers. */
  List<String> sentinelTimers() {
    if (!spec.fastTimers()) {
      return List.of();
    }
    // Reconnects are throttled to the ping period; it must stay well under down-after (see fastTimers).
    long pingPeriod = Math.max(100, Math.min(500, spec.downAfterMs() / 2));
    return List.of("SENTINEL", "DEBUG", "info-period", "1000", "publish-period", "250", "ping-period",
        Long.toString(pingPeriod));
  }
}
