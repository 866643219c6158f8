package io.vigil.sentinelconfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one node's file is rendered with, data node or Sentinel; every value is checked when it is built.
 *
 * @param host the address the node binds and announces to Sentinel and the other nodes
 * @param dir data folder (RDB, AOF); the rendered file is written there too
 * @param logFile log file path; empty logs to stdout, null means {@code redis.log} / {@code sentinel.log} in dir
 * @param keyPrefix data nodes: REDIS_QUEUE_PREFIX, the application user may touch only {@code <prefix>:*} keys
 * @param maxmemory data nodes: Redis size syntax, for example {@code 1gb}
 * @param masterName Sentinels: the name clients ask for (REDIS_MASTER_NAME)
 * @param masterHost a replica's master, or the first master a Sentinel monitors; null for a master
 * @param extraLines appended after the template (later lines win); not part of the shipped config
 */
public record NodeSettings(String host, int port, Path dir, String logFile, Secrets secrets, String keyPrefix,
    String maxmemory, String masterName, String masterHost, int masterPort, List<String> extraLines) {

  public NodeSettings {
    if (dir == null || secrets == null) {
      throw new IllegalArgumentException("dir and secrets are required");
    }
    extraLines = List.copyOf(extraLines == null ? List.of() : extraLines);
    values(host, port, dir, logFile, secrets, keyPrefix, maxmemory, masterName, masterHost, masterPort);
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean replica() {
    return masterHost != null;
  }

  /** The placeholders of redis.conf and replica.conf; a null value drops its template line. */
  public Map<String, String> dataNodeValues() {
    Map<String, String> values = values();
    values.keySet().removeAll(List.of("SENTINEL_PASSWORD", "MASTER_NAME"));
    values.putIfAbsent("LOGFILE", dir.resolve("redis.log").toString());
    return required(values, "a data node", "KEY_PREFIX", "MAXMEMORY");
  }

  /** The placeholders of sentinel.conf; a null value drops its template line. */
  public Map<String, String> sentinelValues() {
    Map<String, String> values = values();
    values.keySet().removeAll(List.of("ADMIN_PASSWORD", "KEY_PREFIX", "MAXMEMORY"));
    values.putIfAbsent("LOGFILE", dir.resolve("sentinel.log").toString());
    return required(values, "a Sentinel", "MASTER_NAME", "MASTER_HOST");
  }

  private Map<String, String> values() {
    return values(host, port, dir, logFile, secrets, keyPrefix, maxmemory, masterName, masterHost, masterPort);
  }

  private static Map<String, String> values(String host, int port, Path dir, String logFile, Secrets secrets,
      String keyPrefix, String maxmemory, String masterName, String masterHost, int masterPort) {
    Map<String, String> values = new HashMap<>();
    values.put("BIND", host);
    values.put("ANNOUNCE_HOST", host);
    values.put("PORT", Integer.toString(port));
    values.put("DIR", dir.toString());
    values.put("LOGFILE", logFile);
    values.put("MONITOR_USER", secrets.monitorUser());
    values.put("MONITOR_PASSWORD", secrets.monitorPassword());
    values.put("APP_USER", secrets.appUser());
    values.put("APP_PASSWORD", secrets.appPassword());
    values.put("ADMIN_PASSWORD", secrets.adminPassword());
    values.put("SENTINEL_PASSWORD", secrets.sentinelPassword());
    values.put("KEY_PREFIX", keyPrefix);
    values.put("MAXMEMORY", maxmemory);
    values.put("MASTER_NAME", masterName);
    values.put("MASTER_HOST", masterHost);
    values.put("MASTER_PORT", masterHost == null ? null : Integer.toString(masterPort));
    values.forEach((name, value) -> {
      if (value != null) {
        Placeholders.requireValid(name, value);
      }
    });
    return values;
  }

  private static Map<String, String> required(Map<String, String> values, String node, String... names) {
    for (String name : names) {
      if (values.get(name) == null) {
        throw new IllegalArgumentException("{{" + name + "}} is required for " + node);
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "NodeSettings[port=" + port + ", dir=" + dir + ", " + secrets + ", keyPrefix=" + keyPrefix + ", maxmemory="
        + maxmemory + ", masterName=" + masterName + ", master=" + (masterHost == null ? null : masterHost + ":"
        + masterPort) + ", extraLines=" + extraLines.size() + "]";
  }

  /** Loopback defaults and the shipped values. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dir;
    private String logFile;
    private Secrets secrets = Secrets.none();
    private String keyPrefix = "vigil";
    private String maxmemory = "256mb";
    private String masterName = "mymaster";
    private String masterHost;
    private int masterPort;
    private List<String> extraLines = List.of();

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

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

    public Builder masterName(String masterName) {
      this.masterName = masterName;
      return this;
    }

    public Builder master(String host, int port) {
      this.masterHost = host;
      this.masterPort = port;
      return this;
    }

    public Builder extraLines(List<String> lines) {
      this.extraLines = lines;
      return this;
    }

    public NodeSettings build() {
      return new NodeSettings(host, port, dir, logFile, secrets, keyPrefix, maxmemory, masterName, masterHost,
          masterPort, extraLines);
    }
  }
}
