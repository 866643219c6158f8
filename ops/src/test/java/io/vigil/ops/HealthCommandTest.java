package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.TestTopologies;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCommandTest {

  @Test
  void healthExitsOneWhileTheMasterIsDownAndZeroAfterTheFailover() {
    TopologySpec config = TestTopologies.spec().withPasswords("data-password-0001", "sentinel-password-01");
    try (SentinelTopology topology = TestTopologies.sentinel("health", config)) {
      Map<String, String> env = Map.of("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()),
          "REDIS_MASTER_NAME", topology.masterName(), "REDIS_PASSWORD", "data-password-0001",
          "REDIS_SENTINEL_PASSWORD", "sentinel-password-01", "REDIS_CONNECT_TIMEOUT", "1000");

      OpsFixtures.Run before = OpsFixtures.run(HealthCommand::new, env);
      long crashedAt = System.nanoTime();
      RedisNode crashed = topology.crashMaster();
      OpsFixtures.Run down = OpsFixtures.run(HealthCommand::new, env);
      RedisNode promoted = topology.awaitNewMaster(crashed, Duration.ofSeconds(20));
      OpsFixtures.Run after = OpsFixtures.run(HealthCommand::new, env);
      System.out.printf("health failover: crash to healthy again ms=%d%n", (System.nanoTime() - crashedAt) / 1_000_000);

      assertThat(before.exit()).as(before.toString()).isZero();
      assertThat(verdicts(before)).containsExactly("PASS sentinels", "PASS ping", "PASS role", "PASS quorum");
      assertThat(down.exit()).as(down.toString()).isEqualTo(1);
      assertThat(verdicts(down)).containsExactly("PASS sentinels", "FAIL ping", "PASS quorum");
      assertThat(down.out()).contains("master mymaster is " + crashed.address(), "FAIL  ping               "
          + crashed.address() + ": cannot connect");
      assertThat(after.exit()).as(after.toString()).isZero();
      assertThat(verdicts(after)).containsExactly("PASS sentinels", "PASS ping", "PASS role", "PASS quorum");
      assertThat(after.out()).contains("master mymaster is " + promoted.address(), promoted.address() + " is master");
    }
  }

  @Test
  void healthRefusesArgumentsAndBadSettingsWithUsageExitCode() {
    OpsFixtures.Run extra = OpsFixtures.run(HealthCommand::new, Map.of(), "--now");
    assertThat(extra.exit()).isEqualTo(OpsCommand.USAGE);
    assertThat(extra.err()).contains("Unknown option: '--now'");
    OpsFixtures.Run bad = OpsFixtures.run(HealthCommand::new, Map.of("REDIS_SENTINELS", "no-port"));
    assertThat(bad.exit()).isEqualTo(OpsCommand.USAGE);
    assertThat(bad.err()).contains("vigil health: REDIS_SENTINELS: 'no-port' is not host:port");
  }

  static List<String> verdicts(OpsFixtures.Run run) {
    return run.lines().stream().filter(line -> line.matches("(PASS|WARN|FAIL) .*"))
        .map(line -> line.substring(0, 4) + " " + line.substring(6, 24).trim()).toList();
  }
}
