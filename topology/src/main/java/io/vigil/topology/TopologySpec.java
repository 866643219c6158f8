package io.vigil.topology;

import io.vigil.sentinelconfig.Secrets;
import java.util.List;

/**
 * How to start a {@link SentinelTopology} on the shipped files; {@link #shipped()} has the shipped values, and
 * each difference is written after the template (see {@link TopologyFiles}).
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
public record TopologySpec(String masterName, Secrets secrets, String keyPrefix, long downAfterMs, boolean fastTimers,
    boolean fsyncAlways, List<String> dataNodeConfig, List<String> sentinelConfig) {

  public static final long SHIPPED_DOWN_AFTER_MS = 5000;

  public TopologySpec {
    dataNodeConfig = List.copyOf(dataNodeConfig);
    sentinelConfig = List.copyOf(sentinelConfig);
    if (downAfterMs < 200) {
      throw new IllegalArgumentException("downAfterMs must be at least 200, was " + downAfterMs);
    }
    if (masterName == null || !masterName.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("masterName must match [A-Za-z0-9._-]+, was " + masterName);
    }
    if (secrets == null) {
      throw new IllegalArgumentException("secrets are required (Secrets.none() for no passwords)");
    }
  }

  public static TopologySpec shipped() {
    return new TopologySpec("mymaster", Secrets.none(), "vigil", SHIPPED_DOWN_AFTER_MS, false, false, List.of(),
        List.of());
  }

  public TopologySpec withSecrets(Secrets secrets) {
    return new TopologySpec(masterName, secrets, keyPrefix, downAfterMs, fastTimers, fsyncAlways, dataNodeConfig,
        sentinelConfig);
  }

  /** {@code data}: the data nodes' default user and Sentinel's login there; {@code sentinel}: Sentinels'. */
  public TopologySpec withPasswords(String data, String sentinel) {
    return withSecrets(new Secrets(data, data, sentinel, null, null));
  }

  public TopologySpec withKeyPrefix(String keyPrefix) {
    return new TopologySpec(masterName, secrets, keyPrefix, downAfterMs, fastTimers, fsyncAlways, dataNodeConfig,
        sentinelConfig);
  }

  @Override
  public String toString() {
    return "TopologySpec[masterName=" + masterName + ", " + secrets + ", keyPrefix=" + keyPrefix + ", downAfterMs="
        + downAfterMs + ", fastTimers=" + fastTimers + ", fsyncAlways=" + fsyncAlways + ", dataNodeConfig="
        + dataNodeConfig + ", sentinelConfig=(" + sentinelConfig.size() + " lines, may hold secrets)]";
  }
}
