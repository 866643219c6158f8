package io.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shipped roles in their own JVM ({@code java -jar vigil.jar ROLES}), as users run them: started with an
 * environment, ready once it prints its ready line, measured by the CPU time the OS charges to it, stopped
 * with SIGTERM (graceful). Its output goes to a log under target/ for reading afterwards.
 */
final class RoleProcess implements AutoCloseable {
  private final Process process;
  private final String baseUrl;

  private RoleProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * The launcher passes {@code -Dvigil.jar} and {@code -Dvigil.javaOpts}; BENCH_ROLE_JAVA_OPTS adds options,
   * for example {@code -XX:StartFlightRecording=filename=gw.jfr} to profile the roles under load.
   */
  static RoleProcess start(String roles, Map<String, String> env, String logName) {
    // A role refuses to start when Sentinels answer too slowly, which a loaded 2-core machine can cause.
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(roles, env, logName);
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
        System.out.println("# " + e.getMessage() + "; starting it again");
      }
    }
  }

  private static RoleProcess startOnce(String roles, Map<String, String> env, String logName) {
    String jar = System.getProperty("vigil.jar", "app/target/vigil.jar");
    List<String> command = new ArrayList<>(List.of("java"));
    addOptions(command, System.getProperty("vigil.javaOpts", ""));
    addOptions(command, System.getenv().getOrDefault("BENCH_ROLE_JAVA_OPTS", ""));
    command.addAll(List.of("-jar", jar, roles));
    try {
      Path log = Files.createDirectories(Path.of("target", "bench-roles")).resolve(logName + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      // Only the given settings: none of the surrounding shell's REDIS_* or VIGIL_* may redirect the roles.
      builder.environment().keySet().removeIf(name -> name.startsWith("REDIS_") || name.startsWith("VIGIL_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      CompletableFuture<String> ready = new CompletableFuture<>();
      Thread pump = new Thread(() -> copy(process, log, ready), "role-output-" + logName);
      pump.setDaemon(true);
      pump.start();
      try {
        return new RoleProcess(process, ready.get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        process.destroyForcibly();
        throw new IllegalStateException("vigil " + roles + " did not become ready, see " + log.toAbsolutePath(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start vigil " + roles, e);
    }
  }

  private static void addOptions(List<String> command, String options) {
    for (String option : options.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
  }

  /** Copies the role's output to its log and completes {@code ready} with the URL of its ready line. */
  private static void copy(Process process, Path log, CompletableFuture<String> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         var out = Files.newBufferedWriter(log)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        int at = line.indexOf("vigil ready ");
        if (at >= 0) {
          out.flush();
          ready.complete(line.substring(line.indexOf("http=") + "http=".length()).trim());
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("its output ended before the ready line"));
  }

  String baseUrl() {
    return baseUrl;
  }

  /** CPU time (user + system) the OS charged to the role's JVM so far. */
  long cpuNanos() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
