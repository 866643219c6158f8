package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vigil.core.probe.ProbeLoad;
import io.vigil.core.probe.ProbeReport;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.resp.Credentials;
import io.vigil.resp.RespConnection;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.NodeKind;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runbook of sentinel-config/README.md ("Rotating passwords") on the shipped topology, while a role's
 * broker submits and completes 100 jobs a second: the application user's password is rotated on every data
 * node and Sentinel, and the roles pick the new one up from their password files without a restart.
 */
class PasswordRotationTest {
  private static final Pattern CLIENT_ID = Pattern.compile("(?m)^id=(\\d+) ");

  @Test
  void appAndSentinelPasswordsRotateUnderLoadWithoutAFailedRequest() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (SentinelTopology topology = OpsFixtures.topology("rotate")) {
      String user = topology.secrets().appUser();
      String old = topology.secrets().appPassword();
      String next = "rotated-" + Long.toHexString(System.nanoTime());
      Path secrets = OpsFixtures.folder("rotate-secrets");
      Path appFile = write(secrets.resolve("redis-password"), old + "\n");
      Path sentinelFile = write(secrets.resolve("redis-sentinel-password"), old + "\n");
      Map<String, String> env = new HashMap<>(ClientEnvironment.of(topology));
      env.remove("REDIS_PASSWORD");
      env.remove("REDIS_SENTINEL_PASSWORD");
      env.put("REDIS_PASSWORD_FILE", appFile.toString());
      env.put("REDIS_SENTINEL_PASSWORD_FILE", sentinelFile.toString());
      env.put("VIGIL_CREDENTIALS_RELOAD_MS", "300");
      List<RedisNode> nodes = Stream.concat(topology.dataNodes().stream(), topology.sentinels().stream()).toList();

      topology.awaitHealthy(Duration.ofSeconds(30));
      FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(env)).await();
      Engine engine = Engine.create(broker, EngineSettings.defaults(topology.spec().keyPrefix()), Clock.systemUTC(), false);
      ProbeLoad load = new ProbeLoad(vertx, engine, "rotation", 100);
      try {
        load.start(4);
        Thread.sleep(1_000);
        Map<RedisNode, Set<Long>> before = new HashMap<>();
        nodes.forEach(node -> before.put(node, appClients(node, user)));

        // Before step 1, a doctor given the new data password as current finds every data node refusing it.
        Path early = write(secrets.resolve("early-password"), next + "\n");
        Map<String, String> earlyEnv = new HashMap<>(env);
        earlyEnv.put("REDIS_PASSWORD_FILE", early.toString());
        OpsFixtures.Run tooEarly = OpsFixtures.run(DoctorCommand::new, earlyEnv, "--previous-password-file", appFile.toString());
        assertThat(tooEarly.exit()).isEqualTo(1);
        assertThat(rotationLines(tooEarly)).hasSize(6).filteredOn(line -> line.contains("data node")).hasSize(3)
            .allMatch(line -> line.startsWith("FAIL") && line.contains("REFUSES current, still accepts previous"));

        // 1. Every node accepts both passwords, persisted.
        for (RedisNode node : nodes) {
          node.command("ACL", "SETUSER", user, ">" + next);
          persistAcl(node);
        }
        // 2. The new secret goes to the files; the roles follow within VIGIL_CREDENTIALS_RELOAD_MS.
        write(appFile, next + "\n");
        write(sentinelFile, next + "\n");
        Path previous = write(secrets.resolve("previous-password"), old + "\n");
        // 3. doctor: every node accepts the new password and still the old one.
        OpsFixtures.Run during = OpsFixtures.run(DoctorCommand::new, env, "--previous-password-file", previous.toString());
        assertThat(rotationLines(during)).hasSize(6)
            .allMatch(line -> line.startsWith("WARN") && line.contains("accepts current, still accepts previous"));
        // Old connections retire (1.25 s after the switch for commands, 2 s for Sentinels): none is left open.
        Thread.sleep(3_500);
        for (RedisNode node : nodes) {
          Set<Long> now = appClients(node, user);
          Set<Long> kept = new HashSet<>(before.get(node));
          kept.retainAll(now);
          assertThat(kept).as("connections opened with the old password still open on " + node.name()).isEmpty();
          // The role talks to the master and every Sentinel (replicas only through them).
          assertThat(now.isEmpty()).as("the role is connected to " + node.name() + " again")
              .isEqualTo(before.get(node).isEmpty());
        }
        // 4. The old password is removed everywhere.
        for (RedisNode node : nodes) {
          node.command("ACL", "SETUSER", user, "<" + old);
          persistAcl(node);
        }
        int completedAtRemoval = load.completedCount();
        Thread.sleep(1_500);
        load.stopProducing();
        ProbeReport report = load.drain(30_000, List.of()).await();
        System.out.print(report.lines("rotation"));

        OpsFixtures.Run after = OpsFixtures.run(DoctorCommand::new, env, "--previous-password-file", previous.toString());
        assertThat(rotationLines(after)).hasSize(6)
            .allMatch(line -> line.startsWith("PASS") && line.contains("accepts current, refuses previous"));
        assertThat(after.out()).doesNotContain(old, next);
        for (RedisNode node : nodes) {
          assertThatThrownBy(() -> RespConnection.open(node.endpoint(), new Credentials(user, old)).close())
              .as(node.name()).hasMessageContaining("WRONGPASS");
        }
        assertThat(load.completedCount()).as("jobs completed after the old password was removed")
            .isGreaterThan(completedAtRemoval + 50);
        assertThat(report.acked()).isEqualTo(report.submitted()).isGreaterThan(300);
        assertThat(report.resubmits()).as("submissions that failed (503)").isZero();
        assertThat(report.redisErrors()).as("worker Redis errors").isZero();
        assertThat(report.lost()).as("acknowledged but not completed").isEmpty();
        assertThat(report.completed()).isEqualTo(report.acked());
        assertThat(report.duplicateCompletions()).isZero();
        assertThat(report.leaseLost()).isZero();
      } finally {
        load.stop().await();
        broker.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }

  private static Path write(Path file, String content) throws Exception {
    // Written beside and renamed, as a secret mount is replaced: a reader never sees half a password.
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content);
    return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Data nodes keep their users in redis.conf (CONFIG REWRITE); Sentinels in sentinel.conf (FLUSHCONFIG). */
  private static void persistAcl(RedisNode node) {
    if (node.kind() == NodeKind.SENTINEL) {
      node.command("SENTINEL", "FLUSHCONFIG");
    } else {
      node.command("CONFIG", "REWRITE");
    }
  }

  /** Ids of the connections logged in as the application user. */
  private static Set<Long> appClients(RedisNode node, String user) {
    Set<Long> ids = new HashSet<>();
    String list = String.valueOf(node.command("CLIENT", "LIST"));
    for (String line : list.split("\n")) {
      Matcher id = CLIENT_ID.matcher(line);
      if (line.contains(" user=" + user + " ") && id.find()) {
        ids.add(Long.parseLong(id.group(1)));
      }
    }
    return ids;
  }

  private static List<String> rotationLines(OpsFixtures.Run run) {
    return run.lines().stream().filter(line -> line.matches("(PASS|WARN|FAIL)\\s+password-rotation .*")).toList();
  }
}
