package io.vigil.topology;

import io.vigil.resp.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs nodes as redis-server / redis-sentinel child processes on loopback: finds the binaries first (a missing
 * one fails before any file is written), writes the config on a free port unless the spec fixes one, and
 * retries on another port when the bind loses a race. Faults are signals; {@code isolate} is not supported.
 */
public final class ProcessBackend implements Backend {

  public static final String LOOPBACK = "127.0.0.1";
  private static final Logger log = LoggerFactory.getLogger(ProcessBackend.class);
  private static final int BIND_ATTEMPTS = 5;

  private final RedisBinaries binaries;
  private final List<ProcessNode> nodes = new CopyOnWriteArrayList<>();
  private volatile boolean handedOver;

  public ProcessBackend(RedisBinaries binaries) {
    this.binaries = binaries;
  }

  public static ProcessBackend local() {
    return new ProcessBackend(new RedisBinaries(System.getenv()));
  }

  @Override
  public String host() {
    return LOOPBACK;
  }

  @Override
  public NodeControl start(NodeSpec spec) {
    List<String> command = command(spec.kind(), spec.configFile());
    for (int attempt = 1; ; attempt++) {
      Endpoint endpoint = new Endpoint(LOOPBACK, spec.port() == 0 ? FreePorts.next() : spec.port());
      writeOwnerOnly(spec.configFile(), spec.config().apply(endpoint.port()));
      ProcessNode node = new ProcessNode(spec, command, endpoint);
      if (handedOver) {
        node.handOver();
      }
      try {
        node.launch();
        nodes.add(node);
        return node;
      } catch (IllegalStateException e) {
        boolean lostRace = spec.port() == 0 && attempt < BIND_ATTEMPTS
            && String.valueOf(e.getMessage()).contains("Address already in use");
        if (!lostRace) {
          throw e;
        }
        log.warn("port taken, retrying node={} port={} attempt={}", spec.name(), endpoint.port(), attempt);
      }
    }
  }

  /** Fails loudly, naming REDIS_SERVER_BIN / REDIS_SENTINEL_BIN, when a binary is missing. */
  public List<String> command(NodeKind kind, Path configFile) {
    return kind == NodeKind.DATA ? binaries.server(configFile) : binaries.sentinel(configFile);
  }

  @Override
  public void handOverShutdown() {
    handedOver = true;
    nodes.forEach(ProcessNode::handOver);
  }

  /** Owner-only: config files hold passwords. */
  static void writeOwnerOnly(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the folder's own permissions protect the file.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
