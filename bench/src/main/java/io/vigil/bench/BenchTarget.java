package io.vigil.bench;

import io.vigil.core.redis.RedisSettings;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The Redis the benchmark runs against: its own (persistence off), or the one REDIS_PORT names. */
final class BenchTarget implements AutoCloseable {
  private final RedisNode own;
  final String host;
  final int port;
  final String password;

  BenchTarget() {
    String port = System.getenv("REDIS_PORT");
    if (port != null && !port.isBlank()) {
      this.own = null;
      this.host = System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1");
      this.port = Integer.parseInt(port.trim());
      this.password = System.getenv("REDIS_PASSWORD");
    } else {
      // As the shipped redis.conf: job hashes, payload included, stay listpacks.
      this.own = RedisServerConfig.named("bench").withConfig("hash-max-listpack-value 1024")
          .start(ProcessBackend.local(), folder());
      this.host = own.host();
      this.port = own.port();
      this.password = null;
    }
  }

  /**
   * The REDIS_* environment pointed at this target, with a 30 s call budget unless REDIS_COMMAND_TIMEOUT is set:
   * bulks queue behind each other on a loaded machine, and a benchmark should measure that, not give up.
   */
  RedisSettings settings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("REDIS_COMMAND_TIMEOUT", "30000");
    env.put("REDIS_HOST", host);
    env.put("REDIS_PORT", Integer.toString(port));
    // One standalone node: Sentinel settings of the surrounding shell do not apply here.
    env.remove("REDIS_SENTINELS");
    if (own != null) {
      env.remove("REDIS_USERNAME");
      env.remove("REDIS_PASSWORD");
    }
    return RedisSettings.fromEnv(env);
  }

  RespConnection client() {
    return RespConnection.open(new Endpoint(host, port), new Credentials(null, password));
  }

  /** The REDIS_* settings that point the shipped roles at this target. */
  Map<String, String> roleEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_HOST", host);
    env.put("REDIS_PORT", Integer.toString(port));
    if (own == null) {
      for (String name : new String[] {"REDIS_USERNAME", "REDIS_PASSWORD"}) {
        if (System.getenv(name) != null) {
          env.put(name, System.getenv(name));
        }
      }
    }
    return env;
  }

  /** A fresh folder for the own servers' configs and logs, kept under target/ for reading afterwards. */
  static Path folder() {
    try {
      Path base = Files.createDirectories(Path.of("target", "bench-redis"));
      return Files.createTempDirectory(base, "bench-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder under target/bench-redis", e);
    }
  }

  String description() {
    return own == null ? "existing Redis at " + host + ":" + port : "own redis-server on port " + port + " (persistence off)";
  }

  @Override
  public void close() {
    if (own != null) {
      own.close();
    }
  }
}
