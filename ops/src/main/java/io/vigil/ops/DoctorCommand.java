package io.vigil.ops;

import io.vigil.ops.check.Check;
import io.vigil.ops.check.CheckReport;
import io.vigil.ops.check.CheckStatus;
import io.vigil.ops.doctor.Doctor;
import io.vigil.settings.SecretFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil doctor}; needs REDIS_ADMIN_* because the application user may not read settings or ACLs. */
@Command(name = "doctor", sortOptions = false,
    description = {"Checks a live deployment against the production checklist.",
        "One PASS/WARN/FAIL line per item; sentinel-config/README.md explains each.",
        "Configured by the roles' REDIS_* variables plus REDIS_ADMIN_USERNAME/REDIS_ADMIN_PASSWORD.",
        "During a password rotation, --previous-password-file adds one line per node: accepts current/previous."},
    footer = "Exit: 0 no FAIL, 1 a FAIL, 2 bad usage or settings.")
public final class DoctorCommand extends SettingsCommand {

  @Option(names = "--previous-password-file", paramLabel = "FILE",
      description = "The password being rotated out: report which nodes still accept it (current: REDIS_PASSWORD[_FILE]).")
  private Path previousPasswordFile;

  public DoctorCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    super("doctor", env, out, err);
  }

  @Override
  int run(OpsSettings settings) {
    String previous = null;
    if (previousPasswordFile != null) {
      try {
        previous = SecretFiles.read(previousPasswordFile);
      } catch (IOException | IllegalArgumentException e) {
        err.println("vigil doctor: --previous-password-file: cannot read " + previousPasswordFile + " ("
            + (e instanceof IllegalArgumentException ? e.getMessage() : e.getClass().getSimpleName()) + ")");
        return USAGE;
      }
    }
    CheckReport report = new CheckReport(out);
    try {
      new Doctor(new Deployment(settings), previous).examine(report);
    } catch (RuntimeException e) {
      report.add(Check.fail("doctor", "stopped early: " + e));
    }
    long warnings = report.checks().stream().filter(c -> c.status() == CheckStatus.WARN).count();
    out.println(report.failed() ? "doctor: FAIL (see the FAIL lines; sentinel-config/README.md explains each item)"
        : "doctor: OK" + (warnings > 0 ? " with " + warnings + " warning(s)" : ""));
    return report.exitCode();
  }
}
