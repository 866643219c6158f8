package io.vigil.sentinelconfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What every rendered node has, whether data node or Sentinel: where it listens, its folder and log, its
 * secrets and extra lines. Loopback defaults; every setter returns the concrete builder.
 */
public abstract class NodeBuilder<B extends NodeBuilder<B>> {
  String bind = "127.0.0.1";
  int port;
  String announceHost = "127.0.0.1";
  Path dir;
  String logFile;
  Secrets secrets = Secrets.none();
  List<String> extraLines = List.of();
  /** A replica's master, or the master a Sentinel monitors. */
  String masterHost;
  int masterPort;

  NodeBuilder() {
  }

  @SuppressWarnings("unchecked")
  private B self() {
    // Every subclass is declared as Builder extends NodeBuilder<Builder>.
    return (B) this;
  }

  B following(String host, int port) {
    this.masterHost = host;
    this.masterPort = port;
    return self();
  }

  /** Binds and announces this address. */
  public B host(String host) {
    this.bind = host;
    this.announceHost = host;
    return self();
  }

  public B bind(String bind) {
    this.bind = bind;
    return self();
  }

  public B announceHost(String announceHost) {
    this.announceHost = announceHost;
    return self();
  }

  public B port(int port) {
    this.port = port;
    return self();
  }

  /** The node's folder; its log goes there too unless {@link #logFile} says otherwise. */
  public B dir(Path dir) {
    this.dir = dir;
    return self();
  }

  public B logFile(String logFile) {
    this.logFile = logFile;
    return self();
  }

  public B secrets(Secrets secrets) {
    this.secrets = secrets;
    return self();
  }

  /** Appended after the template (later lines win); not part of the shipped config. */
  public B extraLines(List<String> lines) {
    this.extraLines = lines;
    return self();
  }

  /** The log file as set, or {@code defaultName} in the node's folder. */
  String logFileOr(String defaultName) {
    return logFile != null ? logFile : dir == null ? null : dir.resolve(defaultName).toString();
  }
}
