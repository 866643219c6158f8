package io.vigil.ops.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds redis-server and redis-sentinel: REDIS_SERVER_BIN / REDIS_SENTINEL_BIN, then PATH (Sentinel falls
 * back to {@code redis-server --sentinel}). A missing binary is an error naming the variable to set.
 */
public final class RedisExecutables {

  public static final String SERVER_VARIABLE = "REDIS_SERVER_BIN";
  public static final String SENTINEL_VARIABLE = "REDIS_SENTINEL_BIN";

  private final Map<String, String> env;

  public RedisExecutables(Map<String, String> env) {
    this.env = env;
  }

  /** {@code [redis-server, <config>]}. */
  public List<String> server(Path config) {
    return List.of(resolve(SERVER_VARIABLE, "redis-server").toString(), config.toString());
  }

  /** {@code [redis-sentinel, <config>]}, or {@code [redis-server, <config>, --sentinel]}. */
  public List<String> sentinel(Path config) {
    if (explicit(SENTINEL_VARIABLE) != null || onPath("redis-sentinel") != null) {
      return List.of(resolve(SENTINEL_VARIABLE, "redis-sentinel").toString(), config.toString());
    }
    List<String> command = new ArrayList<>(server(config));
    command.add("--sentinel");
    return command;
  }

  /** The redis-server executable; throws naming REDIS_SERVER_BIN when there is none. */
  public Path serverBinary() {
    return resolve(SERVER_VARIABLE, "redis-server");
  }

  /** The redis-server executable, or null when there is none (restore then skips the AOF rewrite). */
  public Path serverOrNull() {
    try {
      return resolve(SERVER_VARIABLE, "redis-server");
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private Path resolve(String variable, String executable) {
    String explicit = explicit(variable);
    if (explicit != null) {
      Path path = Path.of(explicit);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new IllegalStateException(variable + "=" + explicit + " is not an executable file; point it at a"
            + " Redis 7 " + executable);
      }
      return path;
    }
    Path found = onPath(executable);
    if (found == null) {
      throw new IllegalStateException(executable + " not found on PATH: install Redis 7 (Debian: apt-get install"
          + " redis-server redis-sentinel) or set " + variable);
    }
    return found;
  }

  private String explicit(String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value;
  }

  private Path onPath(String executable) {
    String path = env.getOrDefault("PATH", System.getenv("PATH"));
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
