package io.vigil.ops;

import io.vertx.core.Vertx;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.topology.LocalCredentials;
import io.vigil.topology.NodeKind;
import io.vigil.topology.NodeSpec;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folders under target/, command runs with captured output, plain redis-servers and engines for the ops tests. */
final class OpsFixtures {

  private OpsFixtures() {
  }

  /** What a command printed and returned. */
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  static Path folder(String name) {
    try {
      Path root = Path.of("target", "ops-test").toAbsolutePath();
      Files.createDirectories(root);
      return Files.createTempDirectory(root, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds an ops command over an environment and the captured streams. */
  interface CommandFactory {
    OpsCommand create(Map<String, String> env, PrintStream out, PrintStream err);
  }

  /** Parses {@code args} with picocli and runs the command, as {@code vigil <command> ARGS} would. */
  static Run run(CommandFactory command, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = CommandLines.execute(command.create(env, o, e), o, e, args);
    }
    Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println("$ vigil " + String.join(" ", args) + "\n" + run);
    return run;
  }

  /** The shipped files with production timers and generated passwords, as {@code ./vigil dev} runs them. */
  static SentinelTopology topology(String name) {
    Path dir = folder(name);
    return SentinelTopology.start(ProcessBackend.local(), dir, TopologySpec.shipped().withKeyPrefix("ops")
        .withSecrets(LocalCredentials.loadOrCreate(dir, "vigil")));
  }

  /** A redis-server with its compiled-in defaults: only port, loopback bind, folder and log file are given. */
  static RedisNode defaultRedisServer(Path dir) {
    NodeSpec spec = new NodeSpec("default", NodeKind.DATA, 0, dir, port -> String.join("\n", "port " + port,
        "bind 127.0.0.1", "dir " + RedisServerConfig.quote(dir.toString()),
        "logfile " + RedisServerConfig.quote(dir.resolve("redis.log").toString())) + "\n", Credentials.NONE,
        Duration.ofSeconds(10), null);
    return RedisNode.start(ProcessBackend.local(), spec);
  }

  /** An engine connected straight to one node as the given user, like a role would be. */
  static Engine engine(Vertx vertx, Endpoint node, String user, String password, String prefix) {
    Map<String, String> env = new HashMap<>(Map.of("REDIS_HOST", node.host(), "REDIS_PORT", Integer.toString(node.port()),
        "REDIS_PASSWORD", password));
    if (user != null) {
      env.put("REDIS_USERNAME", user);
    }
    return Engine.create(RedisConnector.connect(vertx, RedisSettings.fromEnv(env)).await(),
        EngineSettings.defaults(prefix), Clock.systemUTC(), false);
  }
}
