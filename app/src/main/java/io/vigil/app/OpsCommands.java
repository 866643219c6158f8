package io.vigil.app;

import io.vigil.ops.BackupCommand;
import io.vigil.ops.DoctorCommand;
import io.vigil.ops.HealthCommand;
import io.vigil.ops.OpsCommand;
import io.vigil.ops.RestoreCommand;
import java.util.Map;

/** Maps {@code vigil health|doctor|backup|restore} to the ops module's commands. */
final class OpsCommands {
  private OpsCommands() {}

  static int run(String name, String[] args, Map<String, String> env) {
    OpsCommand command = switch (name) {
      case "health" -> new HealthCommand();
      case "doctor" -> new DoctorCommand();
      case "backup" -> new BackupCommand();
      case "restore" -> new RestoreCommand();
      default -> throw new IllegalArgumentException("unknown ops command " + name);
    };
    return command.run(args, env);
  }
}
