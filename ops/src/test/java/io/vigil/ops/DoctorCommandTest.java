package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

  @Test
  void doctorPassesEveryItemOnATopologyStartedFromTheShippedFiles() {
    Vertx vertx = Vertx.vertx();
    try (SentinelTopology topology = OpsFixtures.topology("doctor-shipped")) {
      // Given queues used by the engine as the application user: waiting, delayed and completed jobs.
      Engine engine = OpsFixtures.engine(vertx, topology.currentMaster().endpoint(), topology.secrets().appUser(),
          topology.secrets().appPassword(), topology.spec().keyPrefix());
      for (int i = 0; i < 3; i++) {
        engine.enqueuer().enqueue("emails", NewJob.of("send", "{\"n\":" + i + "}")).await();
      }
      engine.enqueuer().enqueue("reports", NewJob.of("daily", "{}").withOptions(JobOptions.fromJson(new JsonObject().put("delayMs", 60_000))))
          .await();
      FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) engine.transitions().fetch("emails", "worker-1").await();
      engine.transitions().complete(fetched.lease(), "{}", null).await();

      OpsFixtures.Run run = OpsFixtures.run(DoctorCommand::new, ClientEnvironment.of(topology));

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(verdicts(run)).containsExactly("PASS master", "PASS password", "PASS protected-mode",
          "PASS persistence", "PASS maxmemory", "PASS min-replicas", "PASS slowlog", "PASS replicas",
          "PASS sentinel-auth", "PASS quorum", "PASS app-user-sentinel", "PASS app-user", "PASS queue emails",
          "PASS queue reports");
      assertThat(run.lines()).last().isEqualTo("doctor: OK");
      assertThat(run.out()).contains("waiting=2 delayed=0 active=0 failed=0", "waiting=0 delayed=1 active=0 failed=0",
          "2/2 replicas", "3/3 data nodes: RDB", "3/3 Sentinels: OK 3 usable Sentinels");
      assertThat(run.out()).doesNotContain(topology.secrets().appPassword(), topology.secrets().adminPassword());
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void doctorFailsADefaultRedisServerOnEveryProductionItemItMisses() {
    try (RedisNode redis = OpsFixtures.defaultRedisServer(OpsFixtures.folder("doctor-default"))) {
      Map<String, String> env = Map.of("REDIS_HOST", redis.endpoint().host(),
          "REDIS_PORT", Integer.toString(redis.endpoint().port()));

      OpsFixtures.Run run = OpsFixtures.run(DoctorCommand::new, env);

      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(verdicts(run)).containsExactly(
          "PASS master", "FAIL password", "PASS protected-mode", "FAIL persistence", "FAIL maxmemory",
          "FAIL min-replicas", "PASS slowlog", "FAIL replicas", "FAIL quorum", "FAIL app-user", "PASS queues");
      assertThat(run.out()).contains("appendonly no", "maxmemory 0", "min-replicas-to-write 0",
          "REDIS_SENTINELS is not set", "logs in as the default user", "no replica of");
    }
  }

  @Test
  void anUnreadablePreviousPasswordFileIsABadUsageNamingTheOption() {
    OpsFixtures.Run run = OpsFixtures.run(DoctorCommand::new, Map.of("REDIS_HOST", "127.0.0.1"),
        "--previous-password-file", "/nonexistent/previous-password");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--previous-password-file: cannot read /nonexistent/previous-password (NoSuchFileException)");
    assertThat(run.out()).isEmpty();
  }

  /** {@code "PASS item"} for every check line. */
  private static List<String> verdicts(OpsFixtures.Run run) {
    return run.lines().stream().filter(line -> line.matches("(PASS|WARN|FAIL) .*"))
        .map(line -> line.substring(0, 4) + " " + line.substring(6, 24).trim()).toList();
  }
}
