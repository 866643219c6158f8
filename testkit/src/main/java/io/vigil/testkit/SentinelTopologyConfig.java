package io.vigil.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a {@link SentinelTopology}: one master, two replicas, three Sentinels with quorum 2.
 *
 * <p>Build with {@code SentinelTopologyConfig.builder().downAfterMs(1000).dataPassword("pw").build()}.
 *
 * @param name folder name prefix under {@code target/redis-test/}
 * @param dataPassword requirepass and masterauth on data nodes, auth-pass on Sentinels; null for none
 * @param sentinelPassword requirepass on Sentinels (they also use it with each other); null for none
 * @param dataNodeConfig extra redis.conf lines for every data node
 * @param sentinelConfig extra sentinel.conf lines, for example ACL {@code user ...} lines
 * @param persistence AOF on data nodes (see {@link RedisServerConfig#persistence()})
 * @param fastTimers default true: {@code SENTINEL DEBUG} shortens Sentinel's internal periods (INFO 1 s,
 *     hello 250 ms, PING/reconnect at most half of down-after). With stock timers Sentinel takes 10-20 s to
 *     turn a restarted old master into a replica, and with down-after of 1 s it can fail over a healthy new
 *     master because it reconnects only once per second. Failure detection and election are unchanged.
 */
public record SentinelTopologyConfig(String name, String masterName, long downAfterMs, long failoverTimeoutMs,
    String dataPassword, String sentinelPassword, List<String> dataNodeConfig, List<String> sentinelConfig,
    boolean persistence, boolean fastTimers) {

  public static final int QUORUM = 2;

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

  /** A data node: a master, or a replica of {@code master} when it is not null. */
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

  String renderSentinel(Path directory, int port, RedisServer master) {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by vigil-testkit. Sentinel rewrites it with what it learns; keep it writable.");
    lines.add("bind " + ChildProcess.HOST);
    lines.add("port " + port);
    lines.add("protected-mode no");
    lines.add("daemonize no");
    lines.add("dir " + RedisServerConfig.quote(directory.toString()));
    lines.add("logfile " + RedisServerConfig.quote(directory.resolve("sentinel.log").toString()));
    lines.add("sentinel resolve-hostnames no");
    if (sentinelPassword != null) {
      lines.add("requirepass " + RedisServerConfig.quote(sentinelPassword));
    }
    lines.add("sentinel monitor " + masterName + " " + master.host() + " " + master.port() + " " + QUORUM);
    lines.add("sentinel down-after-milliseconds " + masterName + " " + downAfterMs);
    lines.add("sentinel failover-timeout " + masterName + " " + failoverTimeoutMs);
    lines.add("sentinel parallel-syncs " + masterName + " 1");
    if (dataPassword != null) {
      lines.add("sentinel auth-pass " + masterName + " " + RedisServerConfig.quote(dataPassword));
    }
    lines.addAll(sentinelConfig);
    return String.join("\n", lines) + "\n";
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
    private long failoverTimeoutMs = 5000;
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
