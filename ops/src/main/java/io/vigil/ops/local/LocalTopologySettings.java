package io.vigil.ops.local;

import io.vigil.sentinelconfig.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start a {@link LocalSentinelTopology}. Build with {@code LocalTopologySettings.builder(dataDir)}.
 *
 * @param dataDir one folder per process below it (node-0..2, sentinel-0..2), kept between runs
 * @param dataPorts three ports for the data nodes, or empty for free ones
 * @param sentinelPorts three ports for the Sentinels, or empty for free ones
 * @param secrets null: generated once and kept in {@code <dataDir>/credentials.properties}
 * @param env where REDIS_SERVER_BIN, REDIS_SENTINEL_BIN and PATH are looked up
 */
public record LocalTopologySettings(Path dataDir, String host, List<Integer> dataPorts, List<Integer> sentinelPorts,
    String masterName, String appUser, String keyPrefix, String maxmemory, Secrets secrets, Map<String, String> env,
    Duration startTimeout) {

  public LocalTopologySettings {
    dataPorts = List.copyOf(dataPorts);
    sentinelPorts = List.copyOf(sentinelPorts);
    env = Map.copyOf(env);
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir is required");
    }
    if (!dataPorts.isEmpty() && dataPorts.size() != 3 || !sentinelPorts.isEmpty() && sentinelPorts.size() != 3) {
      throw new IllegalArgumentException("give three data ports and three Sentinel ports, or none for free ports");
    }
  }

  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private final Path dataDir;
    private String host = "127.0.0.1";
    private List<Integer> dataPorts = List.of();
    private List<Integer> sentinelPorts = List.of();
    private String masterName = "mymaster";
    private String appUser = "vigil";
    private String keyPrefix = "vigil";
    private String maxmemory = "256mb";
    private Secrets secrets;
    private Map<String, String> env = System.getenv();
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** Data nodes on {@code dataBase..dataBase+2}, Sentinels on {@code sentinelBase..sentinelBase+2}. */
    public Builder ports(int dataBase, int sentinelBase) {
      this.dataPorts = List.of(dataBase, dataBase + 1, dataBase + 2);
      this.sentinelPorts = List.of(sentinelBase, sentinelBase + 1, sentinelBase + 2);
      return this;
    }

    public Builder freePorts() {
      this.dataPorts = List.of();
      this.sentinelPorts = List.of();
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder masterName(String masterName) {
      this.masterName = masterName;
      return this;
    }

    public Builder appUser(String appUser) {
      this.appUser = appUser;
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

    public Builder secrets(Secrets secrets) {
      this.secrets = secrets;
      return this;
    }

    public Builder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    public LocalTopologySettings build() {
      return new LocalTopologySettings(dataDir, host, dataPorts, sentinelPorts, masterName, appUser, keyPrefix,
          maxmemory, secrets, env, startTimeout);
    }
  }
}
