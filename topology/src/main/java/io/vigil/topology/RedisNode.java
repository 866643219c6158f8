package io.vigil.topology;

import io.vigil.resp.Endpoint;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import java.nio.file.Path;
import java.util.List;

/** One named Redis or Sentinel node on any backend: its address, short-lived connections, and its faults. */
public final class RedisNode implements AutoCloseable {

  private final NodeSpec spec;
  private final NodeControl control;

  public static RedisNode start(Backend backend, NodeSpec spec) {
    RedisNode node = new RedisNode(spec, backend.start(spec));
    try {
      node.applyOnStart();
    } catch (RuntimeException e) {
      node.kill();
      throw e;
    }
    return node;
  }

  private RedisNode(NodeSpec spec, NodeControl control) {
    this.spec = spec;
    this.control = control;
  }

  public String name() {
    return spec.name();
  }

  public NodeKind kind() {
    return spec.kind();
  }

  public Endpoint endpoint() {
    return control.endpoint();
  }

  public String host() {
    return endpoint().host();
  }

  public int port() {
    return endpoint().port();
  }

  /** {@code host:port}, the form Sentinel uses. */
  public String address() {
    return endpoint().toString();
  }

  public Path directory() {
    return spec.directory();
  }

  public Path logFile() {
    return spec.logFile();
  }

  public RespConnection connect() {
    return RespConnection.open(endpoint(), spec.auth());
  }

  public Object command(String... args) {
    try (RespConnection connection = connect()) {
      return connection.command(args);
    }
  }

  public void flushAll() {
    command("FLUSHALL");
  }

  public String role() {
    return String.valueOf(((List<?>) command("ROLE")).get(0));
  }

  public String info(String section, String field) {
    return Replies.info(command("INFO", section)).get(field);
  }

  public boolean isRunning() {
    return control.isRunning();
  }

  public void stop() {
    control.stop();
  }

  public void kill() {
    control.kill();
  }

  public void freeze() {
    control.freeze();
  }

  public void thaw() {
    control.thaw();
  }

  /** Starts again on the same address and folder; data survives when persistence is on. */
  public void restart() {
    control.restart();
    applyOnStart();
  }

  public void isolate() {
    control.isolate();
  }

  public void heal() {
    control.heal();
  }

  private void applyOnStart() {
    if (!spec.onStart().isEmpty()) {
      command(spec.onStart().toArray(String[]::new));
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "RedisNode[" + name() + ", " + address() + "]";
  }
}
