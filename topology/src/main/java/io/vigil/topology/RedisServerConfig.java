package io.vigil.topology;

import io.vigil.resp.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One standalone redis-server with the kit's own small redis.conf (not the shipped one), on any backend.
 * @param name the node's name, and its test folder's name prefix
 * @param port 0 picks a free loopback port
 * @param password {@code requirepass}; null for none
 * @param configLines written last, so they override the kit's defaults (replicaof, masterauth, ACL users...)
 * @param persistence false: {@code save ""} and {@code appendonly no}; true: AOF with fsync always, so
 *     data survives {@link RedisNode#restart()} even after {@link RedisNode#kill()}
 */
public record RedisServerConfig(String name, int port, String password, List<String> configLines,
    boolean persistence) {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  public RedisServerConfig {
    name = name == null || name.isBlank() ? "redis" : name;
    configLines = List.copyOf(configLines);
  }

  public static RedisServerConfig named(String name) {
    return new RedisServerConfig(name, 0, null, List.of(), false);
  }

  public RedisServerConfig withPort(int port) {
    return new RedisServerConfig(name, port, password, configLines, persistence);
  }

  public RedisServerConfig withPassword(String password) {
    return new RedisServerConfig(name, port, password, configLines, persistence);
  }

  public RedisServerConfig withConfig(String... lines) {
    List<String> all = new ArrayList<>(configLines);
    all.addAll(List.of(lines));
    return new RedisServerConfig(name, port, password, all, persistence);
  }

  public RedisServerConfig withPersistence(boolean persistence) {
    return new RedisServerConfig(name, port, password, configLines, persistence);
  }

  public RedisNode start(Backend backend, Path directory) {
    return start(backend, directory, START_TIMEOUT);
  }

  public RedisNode start(Backend backend, Path directory, Duration startTimeout) {
    return RedisNode.start(backend, new NodeSpec(name, NodeKind.DATA, port, directory,
        actualPort -> render(backend.host(), directory, actualPort), new Credentials(null, password), startTimeout,
        null));
  }

  private String render(String host, Path directory, int actualPort) {
    List<String> lines = new ArrayList<>(List.of(
        "# Written by vigil-topology. Sentinel may rewrite it (CONFIG REWRITE) when it changes roles.",
        "bind " + host, "port " + actualPort, "protected-mode no", "daemonize no",
        "dir " + quote(directory.toString()), "logfile " + quote(directory.resolve("redis.log").toString()),
        // Replicas sync at once instead of waiting 5 s for more replicas to join the transfer.
        "repl-diskless-sync-delay 0"));
    lines.addAll(persistence ? List.of("appendonly yes", "appendfsync always") : List.of("save \"\"", "appendonly no"));
    if (password != null) {
      lines.add("requirepass " + quote(password));
    }
    lines.addAll(configLines);
    return String.join("\n", lines) + "\n";
  }

  public static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Override
  public String toString() {
    return "RedisServerConfig[name=" + name + ", port=" + port + ", password=" + (password == null ? null : "***")
        + ", configLines=(" + configLines.size() + " lines, may hold secrets), persistence=" + persistence + "]";
  }
}
