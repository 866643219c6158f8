package io.vigil.sentinelconfig;

import java.nio.file.Path;
import java.util.HashMap;
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
    if (dir == null || secrets == null) {
      throw new IllegalArgumentException("dir and secrets are required");
    }
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
    Map<String, String> values = new HashMap<>();
    values.put("BIND", bind);
    values.put("PORT", Integer.toString(port));
    values.put("ANNOUNCE_HOST", announceHost);
    values.put("DIR", dir.toString());
    values.put("LOGFILE", logFile);
    values.put("ADMIN_PASSWORD", secrets.adminPassword());
    values.put("MONITOR_USER", secrets.monitorUser());
    values.put("MONITOR_PASSWORD", secrets.monitorPassword());
    values.put("APP_USER", secrets.appUser());
    values.put("APP_PASSWORD", secrets.appPassword());
    values.put("KEY_PREFIX", keyPrefix);
    values.put("MAXMEMORY", maxmemory);
    values.put("MASTER_HOST", masterHost);
    values.put("MASTER_PORT", masterHost == null ? null : Integer.toString(masterPort));
    for (String required : List.of("BIND", "ANNOUNCE_HOST", "LOGFILE", "KEY_PREFIX", "MAXMEMORY")) {
      if (values.get(required) == null) {
        throw new IllegalArgumentException("{{" + required + "}} is required for a data node");
      }
    }
    values.forEach((name, value) -> {
      if (value != null) {
        Placeholders.requireValid(name, value);
      }
    });
    return values;
  }

  @Override
  public String toString() {
    return "DataNodeSettings[port=" + port + ", dir=" + dir + ", " + secrets + ", keyPrefix=" + keyPrefix
        + ", maxmemory=" + maxmemory + ", replicaOf=" + (masterHost == null ? null : masterHost + ":" + masterPort)
        + ", extraLines=" + extraLines.size() + "]";
  }

  /** Mutable builder with loopback defaults; every setter returns this. */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port;
    private String announceHost = "127.0.0.1";
    private Path dir;
    private String logFile;
    private Secrets secrets = Secrets.none();
    private String keyPrefix = "vigil";
    private String maxmemory = "256mb";
    private String masterHost;
    private int masterPort;
    private List<String> extraLines = List.of();

    private Builder() {
    }

    /** Binds and announces this address. */
    public Builder host(String host) {
      this.bind = host;
      this.announceHost = host;
      return this;
    }

    public Builder bind(String bind) {
      this.bind = bind;
      return this;
    }

    public Builder announceHost(String announceHost) {
      this.announceHost = announceHost;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Data folder; the log goes to {@code redis.log} in it unless {@link #logFile} says otherwise. */
    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    public Builder logFile(String logFile) {
      this.logFile = logFile;
      return this;
    }

    public Builder secrets(Secrets secrets) {
      this.secrets = secrets;
      return this;
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
      this.masterHost = host;
      this.masterPort = port;
      return this;
    }

    public Builder extraLines(List<String> lines) {
      this.extraLines = lines;
      return this;
    }

    public DataNodeSettings build() {
      String log = logFile != null ? logFile : dir == null ? null : dir.resolve("redis.log").toString();
      return new DataNodeSettings(bind, port, announceHost, dir, log, secrets, keyPrefix, maxmemory, masterHost,
          masterPort, extraLines);
    }
  }
}
