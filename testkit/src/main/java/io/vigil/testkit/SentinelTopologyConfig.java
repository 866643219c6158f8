package io.vigil.testkit;

import io.vigil.sentinelconfig.DataNodeSettings;
import io.vigil.sentinelconfig.SentinelConfigRenderer;
import io.vigil.sentinelconfig.SentinelNodeSettings;
import io.vigil.sentinelconfig.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a {@link SentinelTopology}: one master, two replicas, three Sentinels with quorum 2.
 *
 * <p>Every node runs the shipped {@code sentinel-config} files (redis.conf, replica.conf, sentinel.conf)
 * rendered by {@link SentinelConfigRenderer} for loopback ports and folders under {@code target/}, so the
 * tested configuration is the deployed one: persistence (RDB + AOF everysec), noeviction,
 * {@code min-replicas-to-write 1}, ACL users, slowlog. Differences a test may ask for, each one written
 * after the template under a marker comment:
 * <ul>
 *   <li>{@code downAfterMs}: 1000 by default instead of the shipped 5000, so failover tests take seconds.
 *   <li>{@code fastTimers}: Sentinel's internal periods, set at runtime with {@code SENTINEL DEBUG}.
 *   <li>{@code failoverTimeoutMs}, {@code persistence}, {@code dataNodeConfig}, {@code sentinelConfig}:
 *       only when a test sets them (the defaults keep the shipped values).
 *   <li>No password unless {@code dataPassword}/{@code sentinelPassword} are set: then the password
 *       lines and the Sentinel monitoring user are left out. There is no application user (tests that
 *       need one add a {@code user} line, or use {@code LocalSentinelTopology} from vigil-ops).
 * </ul>
 *
 * <p>Build with {@code SentinelTopologyConfig.builder().downAfterMs(1000).dataPassword("pw").build()}.
 *
 * @param name folder name prefix under {@code target/redis-test/}
 * @param dataPassword the data nodes' default user (requirepass, masterauth) and the user Sentinel logs in
 *     with (vigil-sentinel); null for none. Letters, digits and {@code - . _ ~} only.
 * @param sentinelPassword requirepass on Sentinels (they also use it with each other); null for none
 * @param dataNodeConfig extra redis.conf lines for every data node, after the template
 * @param sentinelConfig extra sentinel.conf lines, for example ACL {@code user ...} lines
 * @param persistence true adds {@code appendfsync always}, so a node restarted after
 *     {@link RedisServer#kill9()} has every write; false keeps the shipped RDB + AOF everysec
 * @param fastTimers default true: {@code SENTINEL DEBUG} shortens Sentinel's internal periods (INFO 1 s,
 *     hello 250 ms, PING/reconnect at most half of down-after). With stock timers Sentinel takes 10-20 s to
 *     turn a restarted old master into a replica, and with down-after of 1 s it can fail over a healthy new
 *     master because it reconnects only once per second. Failure detection and election are unchanged.
 */
public record SentinelTopologyConfig(String name, String masterName, long downAfterMs, long failoverTimeoutMs,
    String dataPassword, String sentinelPassword, List<String> dataNodeConfig, List<String> sentinelConfig,
    boolean persistence, boolean fastTimers) {

  public static final int QUORUM = 2;
  /** The shipped sentinel.conf's values; other values are written as overrides. */
  public static final long SHIPPED_DOWN_AFTER_MS = 5000;
  public static final long SHIPPED_FAILOVER_TIMEOUT_MS = 10_000;
  /** Fills the placeholder the shipped redis.conf requires; it is a limit, not an allocation. */
  static final String MAXMEMORY = "512mb";
  private static final SentinelConfigRenderer RENDERER = SentinelConfigRenderer.shipped();

  public SentinelTopologyConfig {
    if (downAfterMs < 200) {
      throw new IllegalArgumentException("downAfterMs must be at least 200, was " + downAfterMs);
    }
    if (failoverTimeoutMs < 1000) {
      throw new IllegalArgumentException("failoverTimeoutMs must be at least 1000, was " + failoverTimeoutMs);
    }
    if (masterName == null || !masterName.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("masterName must match [A-Za-z0-9._-]+, was " + masterName);
    }
    name = name == null || name.isBlank() ? "sentinel" : name;
    dataNodeConfig = List.copyOf(dataNodeConfig == null ? List.of() : dataNodeConfig);
    sentinelConfig = List.copyOf(sentinelConfig == null ? List.of() : sentinelConfig);
  }

  public static SentinelTopologyConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A data node's process settings (port, client credentials); its file comes from {@link #renderDataNode}. */
  RedisServerConfig dataNode(String nodeName, RedisServer master) {
    RedisServerConfig.Builder node = RedisServerConfig.builder().name(nodeName).password(dataPassword)
        .masterAuth(dataPassword).persistence(persistence).config(dataNodeConfig);
    return master == null ? node.build() : node.replicaOf(master.host(), master.port()).build();
  }

  /** {@code SENTINEL DEBUG} arguments for every Sentinel start; empty with stock timers. */
  List<String> sentinelTimers() {
    if (!fastTimers) {
      return List.of();
    }
    // Reconnects are throttled to the ping period; it must stay well under down-after (see fastTimers).
    long pingPeriod = Math.max(100, Math.min(500, downAfterMs / 2));
    return List.of("info-period", "1000", "publish-period", "250", "ping-period", Long.toString(pingPeriod));
  }

  /** The shipped redis.conf (+ replica.conf when {@code master} is set) for a folder and port. */
  String renderDataNode(Path directory, int port, RedisServer master) {
    List<String> overrides = new ArrayList<>();
    if (persistence) {
      overrides.add("appendfsync always");
    }
    overrides.addAll(dataNodeConfig);
    DataNodeSettings.Builder node = DataNodeSettings.builder().host(ChildProcess.HOST).port(port).dir(directory)
        .secrets(secrets()).maxmemory(MAXMEMORY).extraLines(overrides);
    if (master != null) {
      node.replicaOf(master.host(), master.port());
    }
    return RENDERER.dataNode(node.build());
  }

  /** The shipped sentinel.conf for a folder and port, monitoring {@code master}. */
  String renderSentinel(Path directory, int port, RedisServer master) {
    List<String> overrides = new ArrayList<>();
    if (downAfterMs != SHIPPED_DOWN_AFTER_MS) {
      overrides.add("sentinel down-after-milliseconds " + masterName + " " + downAfterMs);
    }
    if (failoverTimeoutMs != SHIPPED_FAILOVER_TIMEOUT_MS) {
      overrides.add("sentinel failover-timeout " + masterName + " " + failoverTimeoutMs);
    }
    overrides.addAll(sentinelConfig);
    return RENDERER.sentinel(SentinelNodeSettings.builder().host(ChildProcess.HOST).port(port).dir(directory)
        .secrets(secrets()).masterName(masterName).master(master.host(), master.port()).extraLines(overrides).build());
  }

  /** The data password is also the monitoring user's; the kit has no application user. */
  private Secrets secrets() {
    return new Secrets(dataPassword, dataPassword, sentinelPassword, null, null);
  }

  @Override
  public String toString() {
    return "SentinelTopologyConfig[name=" + name + ", masterName=" + masterName + ", downAfterMs=" + downAfterMs
        + ", failoverTimeoutMs=" + failoverTimeoutMs + ", dataPassword=" + (dataPassword == null ? null : "***")
        + ", sentinelPassword=" + (sentinelPassword == null ? null : "***") + ", dataNodeConfig=" + dataNodeConfig
        + ", sentinelConfig=(" + sentinelConfig.size() + " lines, may hold secrets), persistence=" + persistence
        + ", fastTimers=" + fastTimers + "]";
  }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private String name;
    private String masterName = "mymaster";
    private long downAfterMs = 1000;
    private long failoverTimeoutMs = SHIPPED_FAILOVER_TIMEOUT_MS;
    private String dataPassword;
    private String sentinelPassword;
    private final List<String> dataNodeConfig = new ArrayList<>();
    private final List<String> sentinelConfig = new ArrayList<>();
    private boolean persistence;
    private boolean fastTimers = true;

    private Builder() {
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder masterName(String masterName) {
      this.masterName = masterName;
      return this;
    }

    public Builder downAfterMs(long downAfterMs) {
      this.downAfterMs = downAfterMs;
      return this;
    }

    public Builder failoverTimeoutMs(long failoverTimeoutMs) {
      this.failoverTimeoutMs = failoverTimeoutMs;
      return this;
    }

    public Builder dataPassword(String dataPassword) {
      this.dataPassword = dataPassword;
      return this;
    }

    public Builder sentinelPassword(String sentinelPassword) {
      this.sentinelPassword = sentinelPassword;
      return this;
    }

    public Builder dataNodeConfig(String... lines) {
      dataNodeConfig.addAll(List.of(lines));
      return this;
    }

    public Builder sentinelConfig(String... lines) {
      sentinelConfig.addAll(List.of(lines));
      return this;
    }

    public Builder persistence(boolean persistence) {
      this.persistence = persistence;
      return this;
    }

    public Builder fastTimers(boolean fastTimers) {
      this.fastTimers = fastTimers;
      return this;
    }

    public SentinelTopologyConfig build() {
      return new SentinelTopologyConfig(name, masterName, downAfterMs, failoverTimeoutMs, dataPassword,
          sentinelPassword, dataNodeConfig, sentinelConfig, persistence, fastTimers);
    }
  }
}
