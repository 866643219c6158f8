package io.vigil.ops.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ops.CommandLines;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.SentinelSettings;
import io.vigil.topology.SentinelTopology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The drill command against a real Sentinel topology, as an operator would run it. */
@Tag("failover")
@SentinelSettings(downAfterMs = 1000)
@ExtendWith(RedisExtension.class)
class FailoverDrillTest {

  /** Runs {@code vigil drill ARGS} as the launcher does; returns what it printed, out then err. */
  private static String run(List<String> args, Map<String, String> env, int[] exit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    exit[0] = CommandLines.execute(new DrillCommand(env, out, Clock.systemUTC()), out, out, args.toArray(String[]::new));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aDrillTriggersAFailoverReportsNoLossAndLeavesNoKeys(SentinelTopology topology) {
    topology.awaitHealthy(Duration.ofSeconds(30));
    Map<String, String> env = Map.of("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()));
    int[] exit = new int[1];

    String output = run(List.of("--rate", "50", "--warmup", "1", "--after", "1", "--queue", "drill-q"), env, exit);

    System.out.print(output);
    assertThat(exit[0]).isZero();
    assertThat(output).contains("drill.lost 0 jobs", "drill.result PASS verdict", "drill.master_after ",
        "drill.outage ");
    assertThat(topology.currentMaster().command("KEYS", "*drill-q*")).isEqualTo(List.of());
  }

  @Test
  void badArgumentsAndMissingSentinelsAreUsageErrors() {
    int[] exit = new int[1];

    String badRate = run(List.of("--rate", "fast"), Map.of(), exit);
    int badRateExit = exit[0];
    String zeroRate = run(List.of("--rate", "0"), Map.of(), exit);
    int zeroRateExit = exit[0];
    String noSentinels = run(List.of(), Map.of(), exit);

    assertThat(badRateExit).isEqualTo(2);
    assertThat(badRate).contains("Invalid value for option '--rate': 'fast' is not an int", "Usage: drill");
    assertThat(zeroRateExit).isEqualTo(2);
    assertThat(zeroRate).contains("--rate must be between 1 and 10000, got 0");
    assertThat(exit[0]).isEqualTo(2);
    assertThat(noSentinels).contains("needs REDIS_SENTINELS", "vigil drill --help");
  }
}
