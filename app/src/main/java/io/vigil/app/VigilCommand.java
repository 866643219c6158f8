package io.vigil.app;

import io.vigil.app.logging.LogSettings;
import io.vigil.app.logging.Logging;
import io.vigil.ops.BackupCommand;
import io.vigil.ops.CommandLines;
import io.vigil.ops.DoctorCommand;
import io.vigil.ops.HealthCommand;
import io.vigil.ops.RestoreCommand;
import io.vigil.ops.drill.DrillCommand;
import io.vigil.settings.SettingsException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code vigil} command tree, each command with {@code --help}; a bad flag prints a message naming it and
 * exits 2. A comma list of roles such as {@code worker,dispatcher} is registered for the one run that names it.
 */
@Command(name = "vigil", synopsisSubcommandLabel = "COMMAND",
    description = "Vigil, a job queue on Redis with Sentinel failover.",
    footer = {"", "  ROLE,ROLE   Runs several roles in one JVM, e.g. worker,dispatcher.",
        "  bench       The engine benchmark, from its own jar: ./vigil bench [args].",
        "", "'vigil COMMAND --help' describes each command."})
public final class VigilCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  private VigilCommand() {}

  /** Roles and {@code dev} return after a graceful stop; logging is configured first, so a bad VIGIL_LOG_* exits 2. */
  public static int execute(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
    try {
      Logging.configure(LogSettings.fromEnv(env));
    } catch (SettingsException e) {
      err.println("vigil: configuration error: " + e.getMessage());
      return 2;
    }
    return commandLine(env, out, err, args.length > 0 ? args[0] : null).execute(args);
  }

  static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err, String first) {
    CommandLine line = new CommandLine(new VigilCommand());
    line.addSubcommand("dev", new DevCommand(env, out, err));
    roles(line, "gateway", EnumSet.of(Role.GATEWAY), "Runs the gateway: the HTTP API, its contract and the event stream.",
        env, out, err);
    roles(line, "worker", EnumSet.of(Role.WORKER), "Runs a worker: consumes the configured queues.", env, out, err);
    roles(line, "dispatcher", EnumSet.of(Role.DISPATCHER), "Runs a cron dispatcher: enqueues one job per schedule fire.",
        env, out, err);
    roles(line, "all", EnumSet.allOf(Role.class), "Runs every role in one JVM.", env, out, err);
    if (first != null && first.contains(",") && !first.startsWith("-")) {
      Set<Role> listed = listedRoles(first);
      if (listed != null) {
        roles(line, first, listed, "Runs the roles " + first + " in one JVM.", env, out, err)
            .getCommandSpec().usageMessage().hidden(true);
      }
    }
    line.addSubcommand("drill", new DrillCommand(env, out, Clock.systemUTC()));
    line.addSubcommand("health", new HealthCommand(env, out, err));
    line.addSubcommand("doctor", new DoctorCommand(env, out, err));
    line.addSubcommand("backup", new BackupCommand(env, out, err, Clock.systemUTC()));
    line.addSubcommand("restore", new RestoreCommand(env, out, err));
    return CommandLines.prepare(line, out, err);
  }

  private static CommandLine roles(CommandLine line, String name, Set<Role> roles, String description,
                                   Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine sub = new CommandLine(new RoleCommand(roles, env, out, err));
    sub.getCommandSpec().usageMessage().description(description);
    line.addSubcommand(name, sub);
    return sub;
  }

  /** The roles of a comma list, or null when it names an unknown role (picocli then reports it). */
  private static Set<Role> listedRoles(String list) {
    try {
      return Role.parse(list);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
