package io.vigil.ops.drill;

import io.vigil.core.keys.Names;
import io.vigil.ops.OpsCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil drill}: the failover drill's flags, each refusal naming its flag; {@link FailoverDrill} runs it. */
@Command(name = "drill", sortOptions = false,
    description = {"Runs a failover drill against the configured deployment.",
        "Proves on a live deployment that a failover loses no acknowledged job: connects with the REDIS_* "
            + "variables, submits probe jobs at --rate to its own queue and runs them; after --warmup asks the "
            + "Sentinels for SENTINEL FAILOVER (with --external: waits for a fault you cause, e.g. kill -9 of the "
            + "master). It keeps the load --after the switch, waits up to --drain for every acknowledged probe to "
            + "complete, prints 'drill.<name> <value> <unit>' lines and deletes the queue's keys (unless --keep).",
        "Triggering needs REDIS_SENTINEL_ADMIN_USERNAME/REDIS_SENTINEL_ADMIN_PASSWORD."},
    footer = "Exit: 0 PASS, 1 an acknowledged probe was lost or completed twice, 2 bad flags or settings,"
        + " 3 Redis unreachable or the master did not change.")
public final class DrillCommand implements OpsCommand {

  @Spec
  private CommandSpec spec;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
      description = "Probe jobs submitted per second, 1-10000 (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--warmup", paramLabel = "S", defaultValue = "5",
      description = "Seconds of load before the fault, 0-3600 (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--after", paramLabel = "S", defaultValue = "10",
      description = "Seconds of load after the switch, 0-3600 (default ${DEFAULT-VALUE}).")
  int after;

  @Option(names = "--external", description = "Wait for a fault you cause instead of sending SENTINEL FAILOVER.")
  boolean external;

  @Option(names = "--wait", paramLabel = "S", defaultValue = "120",
      description = "Seconds to wait for the master to change, counted from the fault, 1-86400 (default ${DEFAULT-VALUE}).")
  int waitS;

  @Option(names = "--drain", paramLabel = "S", defaultValue = "60",
      description = "Seconds to wait for every acknowledged probe to complete, 1-3600 (default ${DEFAULT-VALUE}).")
  int drain;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
      description = "Probe jobs run at once, 1-1000 (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--queue", paramLabel = "NAME", description = "The drill's own queue (default vigil-drill-<epoch ms>).")
  String queue;

  @Option(names = "--keep", description = "Leave the queue's keys in Redis afterwards.")
  boolean keep;

  private final Map<String, String> env;
  private final PrintStream out;
  private final Clock clock;

  public DrillCommand(Map<String, String> env, PrintStream out, Clock clock) {
    this.env = env;
    this.out = out;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    within("--rate", rate, 1, 10_000);
    within("--warmup", warmup, 0, 3_600);
    within("--after", after, 0, 3_600);
    within("--wait", waitS, 1, 86_400);
    within("--drain", drain, 1, 3_600);
    within("--concurrency", concurrency, 1, 1_000);
    queue = queue != null ? queue : "vigil-drill-" + clock.millis();
    try {
      Names.requireValidQueue(queue);
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--queue: " + e.getMessage(), e);
    }
    return FailoverDrill.run(this, env, out);
  }

  private void within(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ParameterException(spec.commandLine(), flag + " must be between " + min + " and " + max + ", got "
          + value);
    }
  }
}
