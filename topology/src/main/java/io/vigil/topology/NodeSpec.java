package io.vigil.topology;

import io.vigil.resp.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * How to start one node, whatever the backend.
 * @param name the node's name in its topology, for example {@code master}, {@code replica-1}, {@code sentinel-2}
 * @param port 0 lets the backend pick a free one (and retry if another process takes it first)
 * @param directory the node's own folder: its config file, log and data
 * @param config the config file text for the port the node will listen on
 * @param auth what the readiness PING (and {@link RedisNode#connect()}) logs in with
 * @param onStart a command sent after every start and restart (runtime settings that are not persisted,
 *     such as {@code SENTINEL DEBUG} timers); empty for none
 */
public record NodeSpec(String name, NodeKind kind, int port, Path directory, IntFunction<String> config,
    Credentials auth, Duration startTimeout, List<String> onStart) {

  public NodeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(startTimeout, "startTimeout");
    onStart = List.copyOf(onStart == null ? List.of() : onStart);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }

  public Path configFile() {
    return directory.resolve(kind.fileBase() + ".conf");
  }

  public Path logFile() {
    return directory.resolve(kind.fileBase() + ".log");
  }
}
