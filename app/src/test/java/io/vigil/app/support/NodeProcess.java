package io.vigil.app.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Vigil role running in its own JVM (the test classpath), with its output kept under target/. */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("vigil ready roles=\\S+ http=http://[^:]+:(\\d+)");
  private final String name;
  private final Process process;
  private final Path log;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static NodeProcess start(String name, String roles, Map<String, String> env, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.vigil.app.Main", roles));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new NodeProcess(name, builder.start(), log);
  }

  /** Waits for the ready line and returns the node's HTTP port. */
  public int awaitReady(Duration timeout) {
    return await(name + " to log its ready line (see " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          Matcher m = READY.matcher(Files.readString(log));
          if (m.find()) {
            return Integer.parseInt(m.group(1));
          }
          if (!process.isAlive()) {
            // Thrown, not retried: the wait ends at once.
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
          }
          return null;
        }, Objects::nonNull);
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL: the node vanishes without a word, as a crashed host would. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, then waits for the graceful shutdown to finish. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not stop within " + timeout);
    }
    return process.exitValue();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
