package io.vigil.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real redis-server child process on a loopback port, with its own folder of config, data and log.
 *
 * <p>Start with {@link #start(RedisServerConfig)} (or let {@link RedisExtension} inject one) and always
 * close it; a JVM shutdown hook kills anything left over. Thread-safe.
 */
public final class RedisServer implements AutoCloseable {

  private final RedisServerConfig config;
  private final ChildProcess process;

  private RedisServer(RedisServerConfig config, ChildProcess process) {
    this.config = config;
    this.process = process;
  }

  /** Starts a server in a fresh folder under {@code target/redis-test/} and waits until it answers PING. */
  public static RedisServer start(RedisServerConfig config) {
    RedisBinaries.serverCommand(); // a missing binary fails before any folder is created
    return start(config, TestDirectories.create(config.name()));
  }

  /** Starts a server in a given folder; topologies use it to keep all their nodes in one place. */
  static RedisServer start(RedisServerConfig config, Path directory) {
    ChildProcess process = new ChildProcess("redis", directory,
        configFile -> concat(RedisBinaries.serverCommand(), configFile.toString()), config.user(),
        config.password());
    process.startFresh(config.port(), port -> config.render(directory, port));
    return new RedisServer(config, process);
  }

  public String host() {
    return ChildProcess.HOST;
  }

  public int port() {
    return process.port();
  }

  /** {@code redis://127.0.0.1:port}, without credentials so it can be logged. */
  public String uri() {
    return "redis://" + host() + ":" + port();
  }

  /** {@code 127.0.0.1:port}, the form Sentinel uses. */
  public String address() {
    return host() + ":" + port();
  }

  public Path directory() {
    return process.directory();
  }

  public Path logFile() {
    return process.logFile();
  }

  public RedisServerConfig config() {
    return config;
  }

  /** A new connection, authenticated when the config has a password; the caller closes it. */
  public RespClient client() {
    return process.client();
  }

  /** Runs one command on a short-lived connection; error replies throw {@link RedisErrorReply}. */
  public Object command(String... args) {
    try (RespClient client = client()) {
      return client.command(args);
    }
  }

  public void flushAll() {
    command("FLUSHALL");
  }

  /** SIGKILL: no save, no goodbye to replicas or Sentinels, as in a real crash. */
  public void kill9() {
    process.kill9();
  }

  /** SIGTERM, then SIGKILL after a few seconds. Does nothing if already stopped. */
  public void stop() {
    process.stop();
  }

  /**
   * Stops the server if it runs, then starts it on the same port and folder from its config file. Data
   * survives when persistence is on; a replica reconfigured by Sentinel keeps its new role because
   * Sentinel rewrites the config file.
   */
  public void restart() {
    process.restart();
  }

  public boolean isRunning() {
    return process.isRunning();
  }

  /** {@code master} or {@code slave}, the first element of ROLE. */
  public String role() {
    return (String) ((List<?>) command("ROLE")).get(0);
  }

  /** A field of {@code INFO <section>}, for example {@code info("replication", "master_link_status")}. */
  public String info(String section, String field) {
    String text = (String) command("INFO", section);
    for (String line : text.split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "RedisServer[" + address() + ", dir=" + directory().getFileName() + "]";
  }

  private static List<String> concat(List<String> head, String last) {
    return Stream.concat(head.stream(), Stream.of(last)).toList();
  }
}
