package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vigil command line as picocli parses it; nothing here starts a role or reaches Redis. */
class VigilCommandTest {
  private static final List<String> COMMANDS = List.of("dev", "gateway", "worker", "dispatcher", "all", "drill",
      "health", "doctor", "backup", "restore");

  private static final Map<String, List<String>> REQUIRED = Map.of("backup", List.of("--dir", "target/never"),
      "restore", List.of("--file", "target/never.rdb", "--dir", "target/never"));

  private record Run(int exit, String out, String err) {}

  private static Run vigil(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = VigilCommand.execute(Map.of(), o, e, args);
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gateway", "worker", "dispatcher", "all", "worker,dispatcher", "gateway,worker",
      "drill", "health", "doctor", "backup", "restore"})
  void helpOfEachSubcommandPrintsItsUsageAndExitsZero(String command) {
    Run run = vigil(command, "--help");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Usage: vigil " + command + " ").contains("-h, --help");
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "gateway", "worker", "dispatcher", "all", "worker,dispatcher", "drill", "health",
      "doctor", "backup", "restore"})
  void aBadFlagExitsTwoWithAMessageNamingIt(String command) {
    // backup and restore get their required flags, so the unknown one is the only error.
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(REQUIRED.getOrDefault(command, List.of()));
    args.add("--bogus");

    Run run = vigil(args.toArray(String[]::new));

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--bogus'", "Usage: vigil " + command + " ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void topLevelHelpListsEveryCommand() {
    Run run = vigil("--help");

    assertThat(run.exit()).isZero();
    for (String command : COMMANDS) {
      assertThat(run.out()).containsPattern("(?m)^  " + command + " ");
    }
    assertThat(run.out()).contains("worker,dispatcher", "bench");
  }

  @Test
  void noCommandOrAnUnknownOnePrintsUsageAndExitsTwo() {
    Run none = vigil();
    Run unknown = vigil("janitor");
    Run unknownRole = vigil("worker,janitor");

    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("Usage: vigil [-h] COMMAND");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("'janitor'");
    assertThat(unknownRole.exit()).isEqualTo(2);
    assertThat(unknownRole.err()).contains("'worker,janitor'");
  }

  @Test
  void aBadValueOrAMissingRequiredFlagExitsTwoNamingTheFlag() {
    Run keepDays = vigil("backup", "--dir", "target/never", "--keep-days", "many");
    Run from = vigil("backup", "--dir", "target/never", "--from", "primary");
    Run noDir = vigil("restore", "--file", "backup.rdb");
    Run rate = vigil("drill", "--rate", "0");

    assertThat(List.of(keepDays.exit(), from.exit(), noDir.exit(), rate.exit())).containsOnly(2);
    assertThat(keepDays.err()).contains("Invalid value for option '--keep-days': 'many' is not a long");
    assertThat(from.err()).contains("--from must be replica or master, got 'primary'");
    assertThat(noDir.err()).contains("Missing required option: '--dir=DATA_DIR'");
    assertThat(rate.err()).contains("--rate must be between 1 and 10000, got 0");
  }
}
