package io.vigil.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the redis-server and redis-sentinel executables: system property, then environment variable,
 * then PATH. A missing binary is an error that names the variable to set, never a skipped test.
 */
final class RedisBinaries {

  static final String SERVER_VARIABLE = "REDIS_SERVER_BIN";
  static final String SENTINEL_VARIABLE = "REDIS_SENTINEL_BIN";

  private RedisBinaries() {
  }

  /** The command that starts a data node: {@code [redis-server]}. */
  static List<String> serverCommand() {
    return List.of(resolve(SERVER_VARIABLE, "redis-server").toString());
  }

  /**
   * The command that starts a Sentinel: {@code [redis-sentinel]}, or {@code [redis-server, --sentinel]}
   * placed after the config file when only a server binary is available (same executable, other mode).
   */
  static List<String> sentinelCommand(Path configFile) {
    String explicit = setting(SENTINEL_VARIABLE);
    if (explicit != null || onPath("redis-sentinel") != null) {
      return List.of(resolve(SENTINEL_VARIABLE, "redis-sentinel").toString(), configFile.toString());
    }
    List<String> command = new ArrayList<>(serverCommand());
    command.add(configFile.toString());
    command.add("--sentinel");
    return command;
  }

  private static Path resolve(String variable, String executable) {
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
      throw new IllegalStateException(executable + " binary not found on PATH. Install Redis 7 or set "
          + variable + " (environment variable or system property) to the " + executable + " executable.");
    }
    return found;
  }

  /** The system property wins over the environment so a single test can override the machine setup. */
  private static String setting(String variable) {
    String value = System.getProperty(variable);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? null : value;
  }

  private static Path onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
