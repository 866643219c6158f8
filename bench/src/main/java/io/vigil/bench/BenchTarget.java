package io.vigil.bench;

import io.vigil.testkit.RedisServer;
import io.vigil.testkit.RedisServerConfig;
import io.vigil.testkit.RespClient;

/** The Redis the benchmark runs against: its own (persistence off), or the one REDIS_PORT names. */
final class BenchTarget implements AutoCloseable {
  private final RedisServer own;
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
      this.own = RedisServer.start(RedisServerConfig.builder().name("bench").build());
      this.host = own.host();
      this.port = own.port();
      this.password = null;
    }
  }

  String uri() {
    return password == null ? "redis://" + host + ":" + port : "redis://:" + password + "@" + host + ":" + port;
  }

  RespClient client() {
    return password == null ? RespClient.connect(host, port)
        : RespClient.connect(host, port, null, password, RespClient.DEFAULT_TIMEOUT);
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
