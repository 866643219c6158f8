package io.vigil.topology;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the redis-server and redis-sentinel executables: system property, then environment variable, then
 * PATH; Sentinel falls back to {@code redis-server <config> --sentinel}. A missing binary is an error that
 * names the variable to set, never a skipped test or a silent no-op.
 */
public final class RedisBinaries {

  public static final String SERVER_VARIABLE = "REDIS_SERVER_BIN";
  public static final String SENTINEL_VARIABLE = "REDIS_SENTINEL_BIN";

  private final Map<String, String> env;

  public RedisBinaries(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public List<String> server(Path config) {
    return List.of(serverBinary().toString(), config.toString());
  }

  public List<String> sentinel(Path config) {
    if (setting(SENTINEL_VARIABLE) != null || onPath("redis-sentinel") != null) {
      return List.of(resolve(SENTINEL_VARIABLE, "redis-sentinel").toString(), config.toString());
    }
    List<String> command = new ArrayList<>(server(config));
    command.add("--sentinel");
    return command;
  }

  private Path serverBinary() {
    return resolve(SERVER_VARIABLE, "redis-server");
  }

  /** The redis-server executable, or null when there is none (restore then skips the AOF rewrite). */
  public Path serverOrNull() {
    try {
      return serverBinary();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private Path resolve(String variable, String executable) {
    String explicit = setting(variable);
    if (explicit != null) {
      Path path = Path.of(explicit);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new IllegalStateException(executable + " binary not found: " + variable + "=" + explicit
            + " is not an executable file. Point " + variable + " (environment variable or system property)"
            + " at a Redis 7 " + executable + " executable.");
      }
      return path;
    }
    Path found = onPath(executable);
    if (found == null) {
      throw new IllegalStateException(executable + " binary not found on PATH. Install Redis 7 (Debian: apt-get"
          + " install redis-server redis-sentinel) or set " + variable + " (environment variable or system"
          + " property) to the " + executable + " executable.");
    }
    return found;
  }

  /** A system property wins, so a single test can override the machine's setup. */
  private String setting(String variable) {
    String value = System.getProperty(variable);
    if (value == null || value.isBlank()) {
      value = env.get(variable);
    }
    return value == null || value.isBlank() ? null : value;
  }

  private Path onPath(String executable) {
    String path = env.getOrDefault("PATH", System.getenv("PATH"));
    if (path == null) {
      return null;
    }
    return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, executable))
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate)).findFirst().orElse(null);
  }
}
