package io.vigil.containers;

import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import io.vigil.topology.NodeControl;
import io.vigil.topology.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * A Redis or Sentinel node in its own container: faults are done to the container (docker kill, pause,
 * stop, start) and {@link #isolate} drops all its traffic but the host's ({@link NetworkCut}).
 */
final class ContainerNode implements NodeControl {

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final NodeSpec spec;
  private final ContainerHost container;
  private final Endpoint endpoint;
  private NetworkCut isolation;

  ContainerNode(NodeSpec spec, ContainerHost container, int port) {
    this.spec = spec;
    this.container = container;
    this.endpoint = new Endpoint(container.address(), port);
  }

  String name() {
    return spec.name();
  }

  ContainerHost container() {
    return container;
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public boolean isRunning() {
    return container.isRunning();
  }

  @Override
  public void stop() {
    container.stop(STOP_GRACE);
  }

  @Override
  public void kill() {
    container.kill();
  }

  @Override
  public void freeze() {
    container.pause();
  }

  @Override
  public void thaw() {
    container.unpause();
  }

  @Override
  public void restart() {
    stop();
    container.start();
    awaitReady();
  }

  @Override
  public synchronized void isolate() {
    if (isolation == null) {
      isolation = NetworkCut.isolate(container);
    }
  }

  @Override
  public synchronized void heal() {
    if (isolation != null) {
      isolation.heal();
      isolation = null;
    }
  }

  /** Waits until PING answers from the host (LOADING is not yet), or fails with the log's end. */
  void awaitReady() {
    long deadline = System.nanoTime() + spec.startTimeout().toNanos();
    String last = "never tried";
    while (System.nanoTime() < deadline) {
      if (!container.isRunning()) {
        throw new IllegalStateException(spec.name() + " exited during startup\n" + logTail());
      }
      try (RespConnection connection = RespConnection.open(endpoint, spec.auth())) {
        if ("PONG".equals(connection.command("PING"))) {
          return;
        }
      } catch (RespError e) {
        if (!e.code().equals("LOADING")) {
          throw new IllegalStateException(spec.name() + " refused PING: " + e.getMessage(), e);
        }
        last = e.getMessage();
      } catch (RuntimeException e) {
        last = e.toString();
      }
      sleep(100);
    }
    throw new IllegalStateException(spec.name() + " on " + endpoint + " did not answer PING within "
        + spec.startTimeout().toMillis() + " ms; last: " + last + "\n" + logTail());
  }

  @Override
  public String logTail() {
    String log;
    try {
      log = Files.exists(spec.logFile()) ? Files.readString(spec.logFile()) : "";
    } catch (IOException e) {
      log = "(cannot read " + spec.logFile() + ": " + e.getMessage() + ")";
    }
    String tail = log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    return tail + container.logs(1000);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
