package io.vigil.app;

import io.vigil.settings.EnvReader;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.LocalCredentials;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisBinaries;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code ./vigil dev}; Ctrl-C stops the roles first (jobs are handed back while Redis is up), then the topology. */
@Command(name = "dev",
    description = {"Starts a local Redis Sentinel topology and every role in this JVM.",
        "Master, two replicas and three Sentinels with persistence on, data under VIGIL_DEV_DIR (default "
            + ".vigil/dev); prints the API token and a first request. Ctrl-C stops the roles, then the topology."},
    footer = "Exit: 0 after Ctrl-C, 1 the roles could not start, 2 bad flag.")
final class DevCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  DevCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    Path dir = Path.of(new EnvReader(env).string("VIGIL_DEV_DIR", ".vigil/dev")).toAbsolutePath();
    out.println("starting the local Redis Sentinel topology under " + dir + " ...");
    // The shipped files with production timers and persistence; passwords generated once and kept in the folder.
    TopologySpec spec = TopologySpec.shipped().withSecrets(LocalCredentials.loadOrCreate(dir, "vigil"));
    SentinelTopology topology = SentinelTopology.start(new ProcessBackend(new RedisBinaries(env)), dir, spec);
    Map<String, String> roleEnv = new HashMap<>(env);
    roleEnv.putAll(ClientEnvironment.of(topology));
    String token = devToken(dir);
    roleEnv.putIfAbsent("VIGIL_API_TOKENS", "dev:" + token + ":admin");
    VigilNode node;
    try {
      node = VigilNode.start(NodeSettings.fromEnv(EnumSet.allOf(Role.class), roleEnv)).await();
    } catch (Exception e) {
      err.println("vigil dev: could not start the roles: " + e.getMessage());
      topology.close();
      return 1;
    }
    // From here the shutdown hook stops Redis, after the roles; the launcher's reaper must not race it.
    topology.closedByCaller();
    CountDownLatch stopped = node.stopOnShutdown(topology::close);
    printWelcome(node.httpPort(), topology, roleEnv.get("VIGIL_API_TOKENS").equals("dev:" + token + ":admin") ? token : null);
    stopped.await();
    return 0;
  }

  private void printWelcome(int port, SentinelTopology topology, String token) {
    String base = "http://127.0.0.1:" + port;
    out.println();
    out.println("Vigil is running (gateway, dispatcher, workers) on a local Sentinel topology.");
    out.println("  dashboard  " + base + "/ui/");
    out.println("  API        " + base + "/api/v1/queues");
    out.println("  contract   " + base + "/openapi.yaml");
    out.println("  health     " + base + "/health/ready");
    out.println("  metrics    " + base + "/metrics   (with the API token)");
    out.println("  events     " + base + "/api/v1/events?queue=default");
    out.println("  sentinels  " + String.join(",", topology.sentinelAddresses()) + " (master " + topology.masterName() + ")");
    if (token != null) {
      out.println("  API token  " + token + "   (role admin)");
      out.println();
      out.println("Try: curl -s -X POST " + base + "/api/v1/queues/default/jobs -H 'Authorization: Bearer " + token
          + "' -H 'Content-Type: application/json' -d '{\"name\":\"echo\",\"data\":{\"hello\":\"world\"}}'");
    }
    out.println("Ctrl-C stops everything.");
  }

  /** One token per dev folder, kept across runs so scripts and bookmarks keep working. */
  private static String devToken(Path dir) {
    Path file = dir.resolve("dev-api-token");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] bytes = new byte[16];
      new SecureRandom().nextBytes(bytes);
      String token = "vigil-dev-" + HexFormat.of().formatHex(bytes);
      Files.createDirectories(dir);
      Files.writeString(file, token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
