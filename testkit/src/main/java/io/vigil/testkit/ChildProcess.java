package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one redis-server or redis-sentinel child process and its folder.
 *
 * <ol>
 *   <li>Writes the config file once, on a free port, retrying on another port if the bind loses a race.
 *   <li>Starts the binary in the foreground (never daemonized) so its handle can signal it.
 *   <li>Waits until PING answers, failing with the tail of the log if the process dies first.
 *   <li>Stops with SIGTERM then SIGKILL, or SIGKILL at once, and registers with the shutdown reaper.
 * </ol>
 */
final class ChildProcess {

  static final String HOST = "127.0.0.1";
  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int BIND_ATTEMPTS = 5;

  private final String kind;
  private final String label;
  private final Path directory;
  private final Function<Path, List<String>> command;
  private final String user;
  private final String password;
  private int port;
  private Process process;

  /**
   * @param kind "redis" or "sentinel": names the config and log files
   * @param command the command line for a given config file
   * @param user user for the readiness PING and {@link #client()}; null for the default user
   * @param password null when the process has no password
   */
  ChildProcess(String kind, Path directory, Function<Path, List<String>> command, String user, String password) {
    this.kind = kind;
    this.label = kind + " " + directory.getFileName();
    this.directory = directory;
    this.command = command;
    this.user = user;
    this.password = password;
  }

  Path directory() {
    return directory;
  }

  Path configFile() {
    return directory.resolve(kind + ".conf");
  }

  Path logFile() {
    return directory.resolve(kind + ".log");
  }

  synchronized int port() {
    return port;
  }

  /** First start: {@code requestedPort} 0 means pick a free one; {@code config} renders the file for a port. */
  synchronized void startFresh(int requestedPort, IntFunction<String> config) {
    List<String> commandLine = command.apply(configFile()); // fails loudly before any file is written
    for (int attempt = 1; ; attempt++) {
      port = requestedPort == 0 ? FreePorts.next() : requestedPort;
      write(configFile(), config.apply(port));
      try {
        launch(commandLine);
        return;
      } catch (IllegalStateException e) {
        boolean lostRace = requestedPort == 0 && attempt < BIND_ATTEMPTS && tail().contains("Address already in use");
        if (!lostRace) {
          throw e;
        }
        log.warn("port taken, retrying label={} port={} attempt={}", label, port, attempt);
      }
    }
  }

  /** Starts again from the same config file and port; Redis or Sentinel may have rewritten the file. */
  synchronized void restart() {
    if (isRunning()) {
      stop();
    }
    launch(command.apply(configFile()));
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, then SIGKILL if the process has not exited within a few seconds. */
  synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    process.destroy();
    if (!waitFor(STOP_GRACE)) {
      log.warn("no exit after SIGTERM, sending SIGKILL label={} port={}", label, port);
      process.destroyForcibly();
      waitFor(STOP_GRACE);
    }
    log.info("stopped label={} port={}", label, port);
  }

  /** SIGKILL at once: the crash a failover test wants, with no shutdown save or goodbye to replicas. */
  synchronized void kill9() {
    if (!isRunning()) {
      return;
    }
    process.destroyForcibly();
    waitFor(STOP_GRACE);
    log.info("killed label={} port={}", label, port);
  }

  RespClient client() {
    return RespClient.connect(HOST, port(), user, password, RespClient.DEFAULT_TIMEOUT);
  }

  /** The last lines of the process's own log and of its console, for error messages. */
  String tail() {
    return lastLines(logFile(), 20) + lastLines(directory.resolve("stdout.log"), 10);
  }

  private void launch(List<String> commandLine) {
    ProcessBuilder builder = new ProcessBuilder(commandLine)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        // Config errors are printed before the log file opens, so the console is kept as well.
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + label + ": " + commandLine, e);
    }
    ProcessReaper.register(process);
    awaitReady();
    log.info("started label={} port={} pid={} dir={}", label, port, process.pid(), directory);
  }

  private void awaitReady() {
    Process started = process;
    try {
      Poll.until(READY_TIMEOUT, label + " on port " + port + " to answer PING", () -> {
        if (!started.isAlive()) {
          throw new ProcessDied(started.exitValue());
        }
        // A short timeout: whatever holds the port when Redis failed to bind may accept and never answer.
        try (RespClient client = RespClient.connect(HOST, port, user, password, PROBE_TIMEOUT)) {
          return "PONG".equals(client.command("PING")) ? Boolean.TRUE : null;
        }
      });
    } catch (ProcessDied e) {
      throw new IllegalStateException(label + " exited with code " + e.exitCode + " during startup (dir "
          + directory + "):\n" + tail());
    } catch (IllegalStateException e) {
      started.destroyForcibly();
      throw new IllegalStateException(e.getMessage() + " (dir " + directory + "):\n" + tail(), e);
    }
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

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String lastLines(Path file, int count) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
      return "--- " + file.getFileName() + " ---\n" + String.join("\n", last) + "\n";
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }

  /** Escapes the readiness poll at once: a dead process will not start answering. */
  private static final class ProcessDied extends Poll.Abort {
    final int exitCode;

    ProcessDied(int exitCode) {
      super("exited with code " + exitCode);
      this.exitCode = exitCode;
    }
  }
}
