package io.vigil.sentinelconfig;

import java.nio.file.Path;
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
    NodeValues.requireDirAndSecrets(dir, secrets);
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
    Map<String, String> values = NodeValues.common(bind, port, announceHost, dir, logFile, secrets);
    values.put("SENTINEL_PASSWORD", secrets.sentinelPassword());
    values.put("MASTER_NAME", masterName);
    values.put("MASTER_HOST", masterHost);
    values.put("MASTER_PORT", Integer.toString(masterPort));
    return NodeValues.checked(values, List.of("BIND", "ANNOUNCE_HOST", "LOGFILE", "MASTER_NAME", "MASTER_HOST"),
        "a Sentinel");
  }

  @Override
  public String toString() {
    return "SentinelNodeSettings[port=" + port + ", dir=" + dir + ", " + secrets + ", masterName=" + masterName
        + ", master=" + masterHost + ":" + masterPort + ", extraLines=" + extraLines.size() + "]";
  }

  /** Mutable builder with loopback defaults; every setter returns this. */
  public static final class Builder extends NodeBuilder<Builder> {
    private String masterName = "mymaster";

    private Builder() {
    }

    /** The master to monitor first, as Sentinel should reach it. */
    public Builder master(String host, int port) {
      return following(host, port);
    }

    public Builder masterName(String masterName) {
      this.masterName = masterName;
      return this;
    }

    public SentinelNodeSettings build() {
      return new SentinelNodeSettings(bind, port, announceHost, dir, logFileOr("sentinel.log"), secrets, masterName,
          masterHost, masterPort, extraLines);
    }
  }
}
