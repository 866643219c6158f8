package io.vigil.topology;

import io.vigil.sentinelconfig.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a {@link SentinelTopology}: one master, two replicas, three Sentinels with quorum 2, every node
 * on the shipped sentinel-config files. The defaults are the shipped values; tests and {@code ./vigil dev}
 * change only what is listed here, each difference written after the template (see {@link TopologyFiles}).
 * Build with {@code TopologySpec.builder().downAfterMs(1000).dataPassword("pw").build()}.
 *
 * @param secrets passwords in the rendered files; {@link Secrets#none()} leaves the password lines out
 * @param downAfterMs Sentinel's down-after-milliseconds; tests use 1000 so failovers take seconds
 * @param fastTimers {@code SENTINEL DEBUG} shortens Sentinel's internal periods (INFO 1 s, hello 250 ms,
 *     PING/reconnect at most half of down-after). With stock timers Sentinel takes 10-20 s to turn a
 *     restarted old master into a replica, and with down-after of 1 s it can fail over a healthy new master
 *     because it reconnects only once per second. Failure detection and election are unchanged.
 * @param fsyncAlways adds {@code appendfsync always}, so a node restarted after a kill has every write;
 *     false keeps the shipped RDB + AOF everysec
 * @param dataNodeConfig extra redis.conf lines for every data node, after the template
 * @param sentinelConfig extra sentinel.conf lines, for example ACL {@code user ...} lines
 */
public record TopologySpec(String masterName, Secrets secrets, String keyPrefix, long downAfterMs,
    long failoverTimeoutMs, boolean fastTimers, boolean fsyncAlways, List<String> dataNodeConfig,
    List<String> sentinelConfig, Duration startTimeout) {

  /** The shipped sentinel.conf's values; other values are written as overrides. */
  public static final long SHIPPED_DOWN_AFTER_MS = 5000;
  public static final long SHIPPED_FAILOVER_TIMEOUT_MS = 10_000;

  public TopologySpec {
    dataNodeConfig = List.copyOf(dataNodeConfig);
    sentinelConfig = List.copyOf(sentinelConfig);
    if (downAfterMs < 200) {
      throw new IllegalArgumentException("downAfterMs must be at least 200, was " + downAfterMs);
    }
    if (failoverTimeoutMs < 1000) {
      throw new IllegalArgumentException("failoverTimeoutMs must be at least 1000, was " + failoverTimeoutMs);
    }
    if (masterName == null || !masterName.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("masterName must match [A-Za-z0-9._-]+, was " + masterName);
    }
    if (secrets == null) {
      throw new IllegalArgumentException("secrets are required (Secrets.none() for no passwords)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "TopologySpec[masterName=" + masterName + ", " + secrets + ", keyPrefix=" + keyPrefix + ", downAfterMs=" + downAfterMs + ", failoverTimeoutMs="
        + failoverTimeoutMs + ", fastTimers=" + fastTimers + ", fsyncAlways=" + fsyncAlways + ", dataNodeConfig="
        + dataNodeConfig + ", sentinelConfig=(" + sentinelConfig.size() + " lines, may hold secrets)]";
  }

  /** Mutable builder with the shipped values; every setter returns this. */
  public static final class Builder {
    private String masterName = "mymaster";
    private Secrets secrets;
    private String dataPassword;
    private String sentinelPassword;
    private String keyPrefix = "vigil";
    private long downAfterMs = SHIPPED_DOWN_AFTER_MS;
    private long failoverTimeoutMs = SHIPPED_FAILOVER_TIMEOUT_MS;
    private boolean fastTimers;
    private boolean fsyncAlways;
    private final List<String> dataNodeConfig = new ArrayList<>();
    private final List<String> sentinelConfig = new ArrayList<>();
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {
    }

    public Builder masterName(String masterName) {
      this.masterName = masterName;
      return this;
    }

    /** Every password and the application user; wins over {@link #dataPassword}/{@link #sentinelPassword}. */
    public Builder secrets(Secrets secrets) {
      this.secrets = secrets;
      return this;
    }

    /** The data nodes' default user and the user Sentinel logs in with; no application user. */
    public Builder dataPassword(String dataPassword) {
      this.dataPassword = dataPassword;
      return this;
    }

    /** requirepass on Sentinels (they also use it with each other). */
    public Builder sentinelPassword(String sentinelPassword) {
      this.sentinelPassword = sentinelPassword;
      return this;
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
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

    public Builder fastTimers(boolean fastTimers) {
      this.fastTimers = fastTimers;
      return this;
    }

    public Builder fsyncAlways(boolean fsyncAlways) {
      this.fsyncAlways = fsyncAlways;
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

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    public TopologySpec build() {
      Secrets chosen = secrets != null ? secrets : new Secrets(dataPassword, dataPassword, sentinelPassword, null, null);
      return new TopologySpec(masterName, chosen, keyPrefix, downAfterMs,
          failoverTimeoutMs, fastTimers, fsyncAlways, dataNodeConfig, sentinelConfig, startTimeout);
    }
  }
}
