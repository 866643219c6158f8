package io.vigil.sentinelconfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Sentinel's sentinel.conf is rendered with. Build with {@link #builder()}.
 *
 * @param masterName the name clients ask for (REDIS_MASTER_NAME)
 * @param masterHost the first master, as Sentinel should reach it (an IP, or a name in compose)
 * @param extraLines appended after the template (later lines win); not part of the shipped config
 */
public record SentinelNodeSettings(String bind, int port, String announceHost, Path dir, String logFile,
    Secrets secrets, String masterName, String masterHost, int masterPort, List<String> extraLines) {

  public SentinelNodeSettings {
    extraLines = List.copyOf(extraLines == null ? List.of() : extraLines);
    if (dir == null || secrets == null) {
      throw new IllegalArgumentException("dir and secrets are required");
    }
    values(bind, port, announceHost, dir, logFile, secrets, masterName, masterHost, masterPort);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The placeholder values; a null value drops its template line. */
  Map<String, String> values() {
    return values(bind, port, announceHost, dir, logFile, secrets, masterName, masterHost, masterPort);
  }

  private static Map<String, String> values(String bind, int port, String announceHost, Path dir, String logFile,
      Secrets secrets, String masterName, String masterHost, int masterPort) {
    Map<String, String> values = new HashMap<>();
    values.put("BIND", bind);
    values.put("PORT", Integer.toString(port));
    values.put("ANNOUNCE_HOST", announceHost);
    values.put("DIR", dir.toString());
    values.put("LOGFILE", logFile);
    values.put("SENTINEL_PASSWORD", secrets.sentinelPassword());
    values.put("MONITOR_USER", secrets.monitorUser());
    values.put("MONITOR_PASSWORD", secrets.monitorPassword());
    values.put("APP_USER", secrets.appUser());
    values.put("APP_PASSWORD", secrets.appPassword());
    values.put("MASTER_NAME", masterName);
    values.put("MASTER_HOST", masterHost);
    values.put("MASTER_PORT", Integer.toString(masterPort));
    for (String required : List.of("BIND", "ANNOUNCE_HOST", "LOGFILE", "MASTER_NAME", "MASTER_HOST")) {
      if (values.get(required) == null) {
        throw new IllegalArgumentException("{{" + required + "}} is required for a Sentinel");
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
    return "SentinelNodeSettings[port=" + port + ", dir=" + dir + ", " + secrets + ", masterName=" + masterName
        + ", master=" + masterHost + ":" + masterPort + ", extraLines=" + extraLines.size() + "]";
  }

  /** Mutable builder with loopback defaults; every setter returns this. */
  public static final class Builder {
    private String bind = "127.0.0.1";
    private int port;
    private String announceHost = "127.0.0.1";
    private Path dir;
    private String logFile;
    private Secrets secrets = Secrets.none();
    private String masterName = "mymaster";
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

    /** Working folder; the log goes to {@code sentinel.log} in it unless {@link #logFile} says otherwise. */
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

    public SentinelNodeSettings build() {
      String log = logFile != null ? logFile : dir == null ? null : dir.resolve("sentinel.log").toString();
      return new SentinelNodeSettings(bind, port, announceHost, dir, log, secrets, masterName, masterHost, masterPort,
          extraLines);
    }
  }
}
