package io.vigil.sentinelconfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one data node's redis.conf is rendered with. Build with {@link #builder()}.
 *
 * @param bind addresses to listen on, for example {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param announceHost the address Sentinel and the other nodes reach this node at
 * @param dir data folder (RDB, AOF); the rendered file is written there too
 * @param logFile log file path; empty logs to stdout
 * @param keyPrefix REDIS_QUEUE_PREFIX: the application user may touch only {@code <prefix>:*} keys
 * @param maxmemory Redis size syntax, for example {@code 1gb}
 * @param masterHost null for the master; the master to replicate for a replica
 * @param extraLines appended after the template (later lines win); not part of the shipped config
 */
public record DataNodeSettings(String bind, int port, String announceHost, Path dir, String logFile, Secrets secrets,
    String keyPrefix, String maxmemory, String masterHost, int masterPort, List<String> extraLines) {

  public DataNodeSettings {
    extraLines = List.copyOf(extraLines == null ? List.of() : extraLines);
    NodeValues.requireDirAndSecrets(dir, secrets);
    values(bind, port, announceHost, dir, logFile, secrets, keyPrefix, maxmemory, masterHost, masterPort);
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean replica() {
    return masterHost != null;
  }

  /** The placeholder values; a null value drops its template line. */
  Map<String, String> values() {
    return values(bind, port, announceHost, dir, logFile, secrets, keyPrefix, maxmemory, masterHost, masterPort);
  }

  private static Map<String, String> values(String bind, int port, String announceHost, Path dir, String logFile,
      Secrets secrets, String keyPrefix, String maxmemory, String masterHost, int masterPort) {
    Map<String, String> values = NodeValues.common(bind, port, announceHost, dir, logFile, secrets);
    values.put("ADMIN_PASSWORD", secrets.adminPassword());
    values.put("KEY_PREFIX", keyPrefix);
    values.put("MAXMEMORY", maxmemory);
    values.put("MASTER_HOST", masterHost);
    values.put("MASTER_PORT", masterHost == null ? null : Integer.toString(masterPort));
    return NodeValues.checked(values, List.of("BIND", "ANNOUNCE_HOST", "LOGFILE", "KEY_PREFIX", "MAXMEMORY"),
        "a data node");
  }

  @Override
  public String toString() {
    return "DataNodeSettings[port=" + port + ", dir=" + dir + ", " + secrets + ", keyPrefix=" + keyPrefix
        + ", maxmemory=" + maxmemory + ", replicaOf=" + (masterHost == null ? null : masterHost + ":" + masterPort)
        + ", extraLines=" + extraLines.size() + "]";
  }

  /** Mutable builder with loopback defaults; every setter returns this. */
  public static final class Builder extends NodeBuilder<Builder> {
    private String keyPrefix = "vigil";
    private String maxmemory = "256mb";

    private Builder() {
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder maxmemory(String maxmemory) {
      this.maxmemory = maxmemory;
      return this;
    }

    public Builder replicaOf(String host, int port) {
      return following(host, port);
    }

    public DataNodeSettings build() {
      return new DataNodeSettings(bind, port, announceHost, dir, logFileOr("redis.log"), secrets, keyPrefix, maxmemory,
          masterHost, masterPort, extraLines);
    }
  }
}
