package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import io.vigil.topology.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the compose Redis services run, without Docker: sentinel-config/entrypoint.sh renders with render.sh
 * from CONF_* variables and starts redis-server / redis-sentinel, with nodes announced by host name
 * (localhost here, service names in compose) as Sentinel's resolve-hostnames expects.
 */
class ComposeEntrypointTest {

  private static final Path ENTRYPOINT = Path.of("..", "sentinel-config", "entrypoint.sh").toAbsolutePath().normalize();

  @Test
  void entrypointRendersOnceAndRunsAHostnameAnnouncedMasterReplicaAndSentinel() throws Exception {
    Path dir = OpsFixtures.folder("entrypoint");
    int masterPort = FreePorts.next();
    int replicaPort = FreePorts.next();
    int sentinelPort = FreePorts.next();
    List<Process> processes = new ArrayList<>();
    try {
      processes.add(start(dir.resolve("master"), "master", masterPort, masterPort));
      await(new Endpoint("127.0.0.1", masterPort), new Credentials(null, "admin-secret"));
      processes.add(start(dir.resolve("replica"), "replica", replicaPort, masterPort));
      awaitLink(new Endpoint("127.0.0.1", replicaPort));
      processes.add(start(dir.resolve("sentinel"), "sentinel", sentinelPort, masterPort));
      Endpoint sentinel = new Endpoint("127.0.0.1", sentinelPort);
      await(sentinel, new Credentials(null, "sentinel-secret"));

      Map<String, String> view = Awaitility.await("the Sentinel to see the replica").atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100)).until(() -> {
            try (RespConnection connection = RespConnection.open(sentinel, new Credentials(null, "sentinel-secret"),
                Duration.ofSeconds(2))) {
              return Replies.pairs(connection.command("SENTINEL", "MASTER", "queue-master"));
            }
          }, seen -> "1".equals(seen.get("num-slaves")));
      Object seenByApp;
      try (RespConnection app = RespConnection.open(sentinel, new Credentials("vigil", "app-secret"), Duration.ofSeconds(2))) {
        seenByApp = app.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "queue-master");
      }
      String renderedBefore = Files.readString(dir.resolve("replica").resolve("redis.conf"));
      processes.get(1).destroy();
      processes.get(1).waitFor();
      processes.set(1, start(dir.resolve("replica"), "replica", replicaPort, masterPort));
      await(new Endpoint("127.0.0.1", replicaPort), new Credentials(null, "admin-secret"));

      assertThat(view).containsEntry("ip", "localhost").containsEntry("port", Integer.toString(masterPort))
          .containsEntry("flags", "master").containsEntry("num-slaves", "1");
      assertThat(seenByApp).isEqualTo(List.of("localhost", Integer.toString(masterPort)));
      assertThat(renderedBefore).contains("replicaof localhost " + masterPort, "replica-announce-ip localhost");
      assertThat(Files.readString(dir.resolve("replica").resolve("stdout.log")))
          .containsOnlyOnce("entrypoint.sh: rendered");
    } finally {
      for (Process process : processes) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static Process start(Path dir, String kind, int port, int masterPort) throws IOException {
    Files.createDirectories(dir);
    ProcessBuilder builder = new ProcessBuilder("sh", ENTRYPOINT.toString(), kind).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
    Map<String, String> env = new HashMap<>(Map.of("CONF_BIND", "127.0.0.1", "CONF_PORT", Integer.toString(port),
        "CONF_ANNOUNCE_HOST", "localhost", "CONF_DIR", dir.toString(), "CONF_LOGFILE", dir.resolve(kind + ".log").toString(),
        "CONF_ADMIN_PASSWORD", "admin-secret", "CONF_MONITOR_USER", "vigil-sentinel", "CONF_MONITOR_PASSWORD", "monitor-secret",
        "CONF_APP_USER", "vigil", "CONF_APP_PASSWORD", "app-secret"));
    env.putAll(Map.of("CONF_KEY_PREFIX", "vigil", "CONF_MAXMEMORY", "64mb", "CONF_SENTINEL_PASSWORD", "sentinel-secret",
        "CONF_MASTER_NAME", "queue-master", "CONF_MASTER_HOST", "localhost"));
    env.put("CONF_MASTER_PORT", Integer.toString(masterPort));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void awaitLink(Endpoint replica) {
    await(replica, new Credentials(null, "admin-secret"));
    Awaitility.await(replica + " to link to its master").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          try (RespConnection connection = RespConnection.open(replica, new Credentials(null, "admin-secret"),
              Duration.ofSeconds(2))) {
            return "up".equals(Replies.info(connection.command("INFO", "replication")).get("master_link_status"));
          }
        });
  }

  private static void await(Endpoint endpoint, Credentials credentials) {
    // Refused connections mean "not started yet".
    Awaitility.await(endpoint + " to start").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions().until(() -> {
          try (RespConnection connection = RespConnection.open(endpoint, credentials, Duration.ofMillis(500))) {
            return "PONG".equals(connection.command("PING"));
          }
        });
  }
}
