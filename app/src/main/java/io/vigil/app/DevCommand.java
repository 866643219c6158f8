package io.vigil.app;

import io.vigil.ops.local.LocalSentinelTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./vigil dev}: a local Redis Sentinel topology (master, two replicas, three Sentinels, persistence
 * on, data under VIGIL_DEV_DIR) and every role in this JVM. Ctrl-C stops the roles first (jobs are
 * handed back while Redis is still up), then the topology; nothing is left running.
 */
final class DevCommand {
  private DevCommand() {}

  static int run(String[] args, Map<String, String> env) throws InterruptedException {
    Path dir = Path.of(env.getOrDefault("VIGIL_DEV_DIR", ".vigil/dev")).toAbsolutePath();
    System.out.println("starting the local Redis Sentinel topology under " + dir + " ...");
    LocalSentinelTopology topology = LocalSentinelTopology.start(dir).closedByCaller();
    Map<String, String> roleEnv = new HashMap<>(env);
    roleEnv.putAll(topology.environment());
    String token = devToken(dir);
    roleEnv.putIfAbsent("VIGIL_API_TOKENS", "dev:" + token + ":admin");
    VigilNode node;
    try {
      node = VigilNode.start(NodeSettings.fromEnv(EnumSet.allOf(Role.class), roleEnv)).await();
    } catch (Exception e) {
      System.err.println("vigil dev: could not start the roles: " + e.getMessage());
      topology.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.stop().toCompletionStage().toCompletableFuture().get();
      } catch (Exception ignored) {
        // Shutting down anyway; the topology still has to stop.
      } finally {
        topology.close();
        stopped.countDown();
      }
    }, "vigil-dev-shutdown"));
    printWelcome(node.httpPort(), topology, roleEnv.get("VIGIL_API_TOKENS").equals("dev:" + token + ":admin") ? token : null);
    stopped.await();
    return 0;
  }

  private static void printWelcome(int port, LocalSentinelTopology topology, String token) {
    String base = "http://127.0.0.1:" + port;
    System.out.println();
    System.out.println("Vigil is running (gateway, dispatcher, workers) on a local Sentinel topology.");
    System.out.println("  API        " + base + "/api/v1/queues");
    System.out.println("  contract   " + base + "/openapi.yaml");
    System.out.println("  health     " + base + "/health/ready");
    System.out.println("  metrics    " + base + "/metrics");
    System.out.println("  events     " + base + "/api/v1/events?queue=default");
    System.out.println("  sentinels  " + String.join(",", topology.sentinelAddresses()) + " (master " + topology.masterName() + ")");
    if (token != null) {
      System.out.println("  API token  " + token + "   (role admin)");
      System.out.println();
      System.out.println("Try: curl -s -X POST " + base + "/api/v1/queues/default/jobs -H 'Authorization: Bearer " + token
          + "' -H 'Content-Type: application/json' -d '{\"name\":\"echo\",\"data\":{\"hello\":\"world\"}}'");
    }
    System.out.println("Ctrl-C stops everything.");
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
