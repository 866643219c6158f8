package io.vigil.ops.local;

import io.vigil.ops.resp.Credentials;
import io.vigil.ops.resp.Endpoint;
import io.vigil.ops.resp.RespConnection;
import io.vigil.ops.resp.RespError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One redis-server or redis-sentinel child process: started in the foreground in its folder, ready once it
 * answers PING, stopped by its own handle (SIGTERM, then SIGKILL). A JVM shutdown hook stops whatever is
 * still running the same way, unless an owner with its own shutdown order took over ({@link #handOver}).
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAll, "vigil-ops-process-reaper"));
  }

  private final String label;
  private final Path dir;
  private final Path logFile;
  private final Endpoint endpoint;
  private final Process process;

  private ManagedProcess(String label, Path dir, Path logFile, Endpoint endpoint, Process process) {
    this.label = label;
    this.dir = dir;
    this.logFile = logFile;
    this.endpoint = endpoint;
    this.process = process;
  }

  /**
   * Starts {@code command} in {@code dir} and waits until {@code endpoint} answers PING with
   * {@code credentials}; on failure the process is killed and the error carries the end of its logs.
   */
  public static ManagedProcess start(String label, List<String> command, Path dir, Path logFile, Endpoint endpoint,
      Credentials credentials, Duration timeout) {
    Process process;
    try {
      Files.createDirectories(dir);
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          // Config errors are printed before the log file opens.
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + label + ": " + command, e);
    }
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    ManagedProcess managed = new ManagedProcess(label, dir, logFile, endpoint, process);
    managed.awaitReady(credentials, timeout);
    log.info("started process={} address={} pid={} dir={}", label, endpoint, process.pid(), dir);
    return managed;
  }

  /** The caller's own shutdown hook stops this process (in its order); the generic one leaves it alone. */
  public void handOver() {
    LIVE.remove(process);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public Path dir() {
    return dir;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM (Redis saves and closes its AOF), then SIGKILL if it has not exited in time. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(STOP_GRACE)) {
      log.warn("no exit after SIGTERM, sending SIGKILL process={} pid={}", label, process.pid());
      process.destroyForcibly();
      waitFor(STOP_GRACE);
    }
  }

  /** SIGKILL: a crash, for tests and for giving up. */
  public void kill() {
    process.destroyForcibly();
    waitFor(STOP_GRACE);
  }

  /** The last lines of the process's log and console, for error messages. */
  public String tail() {
    return lastLines(logFile, 15) + lastLines(dir.resolve("stdout.log"), 10);
  }

  private void awaitReady(Credentials credentials, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(label + " exited with code " + process.exitValue() + " during startup:\n" + tail());
      }
      try (RespConnection connection = RespConnection.open(endpoint, credentials, Duration.ofMillis(500))) {
        if ("PONG".equals(connection.command("PING"))) {
          return;
        }
      } catch (RespError e) {
        last = e.getMessage();
        if (!e.code().equals("LOADING")) {
          break;
        }
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      pause(50);
    }
    kill();
    throw new IllegalStateException(label + " did not answer PING on " + endpoint + " (" + last + "):\n" + tail());
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }

  /** SIGTERM to every registered process (Redis saves on it), SIGKILL to those still alive after the grace. */
  private static void stopAll() {
    LIVE.forEach(Process::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Process process : LIVE) {
      try {
        process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }

  /** Sleeps, turning an interrupt into an exception (the interrupt flag stays set). */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String lastLines(Path file, int count) {
    try {
      if (file == null || !Files.exists(file)) {
        return "";
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "--- " + file + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()))
          + "\n";
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return label + "[" + endpoint + ", pid " + process.pid() + "]";
  }
}
