package io.vigil.topology;

import io.vigil.resp.Credentials;
import java.nio.file.Path;
import java.time.Duration;

/** Starts one standalone redis-server (no Sentinel) from a {@link RedisServerConfig}, on any backend. */
public final class StandaloneServer {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private StandaloneServer() {
  }

  /** Starts the server in {@code directory} and waits until it answers PING. */
  public static RedisNode start(Backend backend, Path directory, RedisServerConfig config) {
    return start(backend, directory, config, START_TIMEOUT);
  }

  public static RedisNode start(Backend backend, Path directory, RedisServerConfig config, Duration startTimeout) {
    NodeSpec spec = new NodeSpec(config.name(), NodeKind.DATA, config.port(), directory,
        port -> config.render(backend.host(), directory, port), new Credentials(config.user(), config.password()),
        startTimeout, null);
    return RedisNode.start(backend, spec);
  }
}
