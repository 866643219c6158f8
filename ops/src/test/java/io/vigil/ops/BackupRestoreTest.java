package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.sentinelconfig.NodeSettings;
import io.vigil.sentinelconfig.Secrets;
import io.vigil.sentinelconfig.SentinelConfigRenderer;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.NodeKind;
import io.vigil.topology.NodeSpec;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackupRestoreTest {

  private static final List<String> QUEUES = List.of("orders", "invoices");

  @Test
  void backupThenRestoreIntoAFreshRedisServesEveryJobAsItWas() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path work = OpsFixtures.folder("backup");
    Path backups = Files.createDirectories(work.resolve("backups"));
    Files.writeString(backups.resolve("vigil-20200101T000000Z.rdb"), "an old backup");
    Files.writeString(backups.resolve("notes.txt"), "not a backup");
    try (SentinelTopology topology = OpsFixtures.topology("backup-topology")) {
      // Given jobs in every state, written by the engine as the application user.
      Engine engine = OpsFixtures.engine(vertx, topology.currentMaster().endpoint(), topology.secrets().appUser(),
          topology.secrets().appPassword(), topology.spec().keyPrefix());
      seed(engine);
      Map<String, Job> before = everyJob(engine);

      // When it is backed up over the network and restored into a new folder,
      OpsFixtures.Run backup = OpsFixtures.run((env, o, e) -> new BackupCommand(env, o, e, java.time.Clock.systemUTC()),
          ClientEnvironment.of(topology), "--dir", backups.toString());
      List<Path> files = backupFiles(backups);
      Path restoredDir = work.resolve("restored");
      OpsFixtures.Run restore = OpsFixtures.run(RestoreCommand::new, System.getenv(), "--file", files.get(0).toString(),
          "--dir", restoredDir.toString());

      // and a fresh redis-server starts there on the shipped master config (appendonly yes),
      Secrets secrets = new Secrets(topology.secrets().adminPassword(), null, null, topology.secrets().appUser(), topology.secrets().appPassword());
      NodeSpec spec = new NodeSpec("restored", NodeKind.DATA, 0, restoredDir, port -> SentinelConfigRenderer.shipped()
          .dataNode(NodeSettings.builder().port(port).dir(restoredDir).secrets(secrets)
              .keyPrefix(topology.spec().keyPrefix()).build()),
          new Credentials(null, topology.secrets().adminPassword()), Duration.ofSeconds(20), null);
      try (RedisNode server = RedisNode.start(ProcessBackend.local(), spec)) {
        Endpoint fresh = server.endpoint();
        Engine restored = OpsFixtures.engine(vertx, fresh, topology.secrets().appUser(), topology.secrets().appPassword(),
            topology.spec().keyPrefix());

        // then the engine reads every job exactly as it was.
        assertThat(backup.exit()).as(backup.toString()).isZero();
        assertThat(backup.out()).contains("from replica", "CRC-64 ok",
            "deleted " + backups.resolve("vigil-20200101T000000Z.rdb"));
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("vigil-\\d{8}T\\d{6}Z\\.rdb");
        assertThat(backups.resolve("notes.txt")).exists();
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restoredDir.resolve("appendonlydir")).isDirectory();
        assertThat(aofEnabled(fresh, topology.secrets().adminPassword())).isEqualTo("1");
        assertThat(countByState(before)).isEqualTo(Map.of("WAITING", 21L, "DELAYED", 5L, "ACTIVE", 1L,
            "COMPLETED", 2L, "FAILED", 1L));
        assertThat(everyJob(restored)).isEqualTo(before);
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void restoreRefusesAFolderThatAlreadyHoldsDataAndADamagedBackup() throws Exception {
    Path work = OpsFixtures.folder("restore-refuses");
    Path data = Files.createDirectories(work.resolve("data"));
    Files.writeString(data.resolve("dump.rdb"), "live data");
    Path empty = work.resolve("vigil-20250101T000000Z.rdb");
    Files.write(empty, BackupFilesTest.emptyRdb());
    Path damaged = work.resolve("vigil-20250102T000000Z.rdb");
    byte[] bytes = BackupFilesTest.emptyRdb();
    bytes[9] = 0x00;
    Files.write(damaged, bytes);

    OpsFixtures.Run occupied = OpsFixtures.run(RestoreCommand::new, Map.of(), "--file", empty.toString(), "--dir",
        data.toString());
    OpsFixtures.Run broken = OpsFixtures.run(RestoreCommand::new, Map.of(), "--file", damaged.toString(), "--dir",
        work.resolve("other").toString());
    OpsFixtures.Run usage = OpsFixtures.run(RestoreCommand::new, Map.of(), "--file", empty.toString());
    OpsFixtures.Run forced = OpsFixtures.run(RestoreCommand::new, Map.of(), "--file", empty.toString(), "--dir",
        data.toString(), "--force", "--no-aof");

    assertThat(occupied.exit()).isEqualTo(OpsCommand.FAILED);
    assertThat(occupied.err()).contains("already holds data");
    assertThat(broken.exit()).isEqualTo(OpsCommand.FAILED);
    assertThat(broken.err()).contains("is damaged");
    assertThat(usage.exit()).isEqualTo(OpsCommand.USAGE);
    assertThat(usage.err()).contains("Missing required option: '--dir=DATA_DIR'");
    assertThat(forced.exit()).as(forced.toString()).isZero();
    assertThat(forced.out()).contains("--appendonly no");
    assertThat(Files.readAllBytes(data.resolve("dump.rdb"))).isEqualTo(BackupFilesTest.emptyRdb());
  }

  @Test
  void restoredFilesAreReadableByTheOwnerOnly() throws Exception {
    Path work = OpsFixtures.folder("restore-permissions");
    Path backup = work.resolve("vigil-20250101T000000Z.rdb");
    Files.write(backup, BackupFilesTest.emptyRdb());
    Path data = work.resolve("data");

    OpsFixtures.Run restored = OpsFixtures.run(RestoreCommand::new, Map.of(), "--file", backup.toString(), "--dir",
        data.toString());

    assertThat(restored.exit()).as(restored.toString()).isZero();
    List<String> loose = new java.util.ArrayList<>();
    try (var files = Files.walk(data)) {
      for (Path p : files.filter(p -> !p.equals(data)).toList()) {
        String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        if (!mode.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) {
          loose.add(data.relativize(p) + " " + mode);
        }
      }
    }
    assertThat(data.resolve("appendonlydir")).isDirectory();
    assertThat(loose).isEmpty();
  }

  /** 19 waiting, 5 delayed, 2 completed, 1 failed, 1 active (leased); 2 waiting in a second queue. */
  private static void seed(Engine engine) {
    for (int i = 1; i <= 23; i++) {
      engine.enqueuer().enqueue("orders", new NewJob("order-" + i, "ship", "{\"order\":" + i + "}",
          JobOptions.fromJson(new JsonObject().put("priority", i % 3).put("attempts", 1)))).await();
    }
    for (int i = 1; i <= 5; i++) {
      engine.enqueuer().enqueue("orders", NewJob.of("remind", "{}").withOptions(JobOptions.fromJson(new JsonObject().put("delayMs", 3_600_000))))
          .await();
    }
    for (int i = 0; i < 3; i++) {
      FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) engine.transitions().fetch("orders", "worker-1").await();
      if (i == 0) {
        engine.transitions().fail(fetched.lease(), "boom", 0, null).await();
      } else {
        engine.transitions().complete(fetched.lease(), "{\"ok\":true}", null).await();
      }
    }
    engine.transitions().fetch("orders", "worker-2").await();
    engine.enqueuer().enqueue("invoices", NewJob.of("print", "{\"copies\":2}")).await();
    engine.enqueuer().enqueue("invoices", NewJob.of("print", "{\"copies\":3}")).await();
  }

  private static Map<String, Job> everyJob(Engine engine) {
    Map<String, Job> jobs = new TreeMap<>();
    for (String queue : QUEUES) {
      for (JobState state : JobState.values()) {
        for (Job job : engine.admin().list(queue, state, 500, null).await().jobs()) {
          jobs.put(queue + "/" + state + "/" + job.id(), job);
        }
      }
    }
    return jobs;
  }

  private static Map<String, Long> countByState(Map<String, Job> jobs) {
    Map<String, Long> counts = new TreeMap<>();
    jobs.values().forEach(job -> counts.merge(job.state().name(), 1L, Long::sum));
    return counts;
  }

  private static List<Path> backupFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".rdb")).toList();
    }
  }

  private static String aofEnabled(Endpoint node, String adminPassword) {
    try (RespConnection connection = RespConnection.open(node, new Credentials(null, adminPassword),
        Duration.ofSeconds(5))) {
      return Replies.info(connection.command("INFO", "persistence")).get("aof_enabled");
    }
  }
}
