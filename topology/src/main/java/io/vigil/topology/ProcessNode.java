package io.vigil.topology;

import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One redis-server or redis-sentinel child process in its folder, signalled by its own process handle; the
 * console goes to {@code stdout.log} (config errors come before the log file opens). Ready once PING answers;
 * registered with the {@link ProcessReaper} on every start, so nothing outlives the JVM.
 */
final class ProcessNode implements NodeControl {

  private static final Logger log = LoggerFactory.getLogger(ProcessNode.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final NodeSpec spec;
  private final List<String> command;
  private final Endpoint endpoint;
  private Process process;
  private boolean frozen;
  private boolean handedOver;

  ProcessNode(NodeSpec spec, List<String> command, Endpoint endpoint) {
    this.spec = spec;
    this.command = command;
    this.endpoint = endpoint;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  synchronized void launch() {
    ProcessBuilder builder = new ProcessBuilder(command).directory(spec.directory().toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.directory().resolve("stdout.log").toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name() + ": " + command, e);
    }
    frozen = false;
    if (!handedOver) {
      ProcessReaper.register(process);
    }
    awaitReady(process);
    log.info("started node={} address={} pid={} dir={}", spec.name(), endpoint, process.pid(), spec.directory());
  }

  @Override
  public synchronized void stop() {
    if (isRunning()) {
      if (frozen) {
        thaw(); // a frozen process cannot act on SIGTERM
      }
      process.destroy();
      if (!waitFor(STOP_GRACE)) {
        log.warn("no exit after SIGTERM, sending SIGKILL node={} pid={}", spec.name(), process.pid());
        process.destroyForcibly();
        waitFor(STOP_GRACE);
      }
      log.info("stopped node={} address={}", spec.name(), endpoint);
    }
  }

  @Override
  public synchronized void kill() {
    if (isRunning()) {
      process.destroyForcibly();
      waitFor(STOP_GRACE);
      log.info("killed node={} address={}", spec.name(), endpoint);
    }
  }

  @Override
  public synchronized void freeze() {
    signal("STOP");
    frozen = true;
  }

  @Override
  public synchronized void thaw() {
    signal("CONT");
    frozen = false;
  }

  /** See {@link Backend#handOverShutdown}. */
  synchronized void handOver() {
    handedOver = true;
    if (process != null) {
      ProcessReaper.release(process);
    }
  }

  @Override
  public synchronized void restart() {
    stop();
    launch();
  }

  /** Loopback has no link to cut and Redis binds all nodes to one interface; freeze() is the nearest fault. */
  @Override
  public void isolate() {
    throw new UnsupportedOperationException("isolate is not supported by the process backend: every node shares"
        + " the loopback interface, so one cannot be cut off alone. Use freeze() (SIGSTOP) for a node that stops"
        + " answering, or a container backend for a network partition.");
  }

  @Override
  public void heal() {
    isolate();
  }

  @Override
  public String logTail() {
    return lastLines(spec.logFile(), 20) + lastLines(spec.directory().resolve("stdout.log"), 10);
  }

  private void signal(String name) {
    if (!isRunning()) {
      throw new IllegalStateException(spec.name() + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + name, e);
    }
  }

  private void awaitReady(Process started) {
    try {
      Poll.until(spec.startTimeout(), spec.name() + " on " + endpoint + " to answer PING", () -> {
        if (!started.isAlive()) {
          throw new Poll.Abort("exited with code " + started.exitValue() + " during startup");
        }
        // A short timeout: whatever holds the port when Redis failed to bind may accept and never answer.
        try (RespConnection connection = RespConnection.open(endpoint, spec.auth(), PROBE_TIMEOUT)) {
          return "PONG".equals(connection.command("PING")) ? Boolean.TRUE : null;
        } catch (RespError e) {
          if (e.code().equals("LOADING")) {
            throw new Poll.NotYet(e.getMessage());
          }
          throw new Poll.Abort("PING refused: " + e.getMessage());
        }
      });
    } catch (RuntimeException e) {
      started.destroyForcibly();
      throw new IllegalStateException(spec.name() + ": " + e.getMessage() + " (dir " + spec.directory() + "):\n"
          + logTail(), e);
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
}
