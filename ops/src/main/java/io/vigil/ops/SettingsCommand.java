package io.vigil.ops;

import java.io.PrintStream;
import java.util.Map;

/** An ops command on {@link OpsSettings}; a bad setting prints {@code vigil <name>: <why>} and exits 2. */
abstract class SettingsCommand implements OpsCommand {

  private final String name;
  private final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;

  SettingsCommand(String name, Map<String, String> env, PrintStream out, PrintStream err) {
    this.name = name;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    OpsSettings settings;
    try {
      settings = OpsSettings.fromEnv(env);
    } catch (IllegalArgumentException e) {
      err.println("vigil " + name + ": " + e.getMessage());
      return USAGE;
    }
    return run(settings);
  }

  abstract int run(OpsSettings settings);
}
