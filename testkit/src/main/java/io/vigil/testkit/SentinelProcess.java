package io.vigil.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One real redis-sentinel child process of a {@link SentinelTopology}, with its own writable config file
 * (Sentinel rewrites it to remember the current master, replicas and peers). Thread-safe.
 */
public final class SentinelProcess implements AutoCloseable {

  private final ChildProcess process;
  private final List<String> timers;

  private SentinelProcess(ChildProcess process, List<String> timers) {
    this.process = process;
    this.timers = timers;
  }

  /** @param timers {@code SENTINEL DEBUG} arguments applied after every start; they are not persisted */
  static SentinelProcess start(Path directory, String password, IntFunction<String> config, List<String> timers) {
    ChildProcess process = new ChildProcess("sentinel", directory,
        RedisBinaries::sentinelCommand, null, password);
    process.startFresh(0, config);
    SentinelProcess sentinel = new SentinelProcess(process, timers);
    try {
      sentinel.applyTimers();
    } catch (RuntimeException e) {
      process.kill9();
      throw e;
    }
    return sentinel;
  }

  public String host() {
    return ChildProcess.HOST;
  }

  public int port() {
    return process.port();
  }

  /** {@code 127.0.0.1:port}, the form Sentinel-aware clients are configured with. */
  public String address() {
    return host() + ":" + port();
  }

  public Path directory() {
    return process.directory();
  }

  public Path logFile() {
    return process.logFile();
  }

  /** A new connection, authenticated when the topology has a sentinel password; the caller closes it. */
  public RespClient client() {
    return process.client();
  }

  /** Runs one command on a short-lived connection; error replies throw {@link RedisErrorReply}. */
  public Object command(String... args) {
    try (RespClient client = client()) {
      return client.command(args);
    }
  }

  public void kill9() {
    process.kill9();
  }

  public void stop() {
    process.stop();
  }

  /** Stops if running, then starts again on the same port from its (rewritten) config file. */
  public void restart() {
    process.restart();
    applyTimers();
  }

  public boolean isRunning() {
    return process.isRunning();
  }

  private void applyTimers() {
    if (!timers.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("SENTINEL", "DEBUG"));
      args.addAll(timers);
      command(args.toArray(String[]::new));
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "SentinelProcess[" + address() + "]";
  }
}
