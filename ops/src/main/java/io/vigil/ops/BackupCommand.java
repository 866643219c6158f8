package io.vigil.ops;

import io.vigil.ops.backup.BackupFiles;
import io.vigil.ops.backup.RdbFile;
import io.vigil.ops.backup.Snapshot;
import io.vigil.resp.Endpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil backup}: a consistent RDB snapshot over the replication protocol, by default from a replica in
 * sync once it applied what the master had at the start: the fork happens off the master, and the master never
 * lists the download as a replica (Sentinel would add it to its table). No BGSAVE: that leaves the file on the
 * server.
 */
@Command(name = "backup", sortOptions = false,
    description = {"Takes an RDB backup over the network into a folder.",
        "The snapshot comes from a replica in sync unless --from master; it is verified and written as "
            + "DIR/vigil-<UTC timestamp>.rdb, then backups older than --keep-days are deleted.",
        "Configured by the roles' REDIS_* variables plus REDIS_ADMIN_USERNAME/REDIS_ADMIN_PASSWORD."},
    footer = "Exit: 0 written, 1 the backup failed, 2 bad usage or settings.")
public final class BackupCommand extends SettingsCommand {

  /** A replica in sync applies the master's latest writes within milliseconds. */
  private static final Duration CATCH_UP = Duration.ofSeconds(2);

  @Spec
  private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Folder the backup is written to.")
  private Path dir;

  @Option(names = "--keep-days", paramLabel = "N", defaultValue = "7",
      description = "Delete backups in DIR older than N days (N >= 1; default ${DEFAULT-VALUE}).")
  private long keepDays;

  @Option(names = "--from", paramLabel = "replica|master", defaultValue = "replica",
      description = "Where the snapshot comes from (default ${DEFAULT-VALUE}; the master when no replica is in sync).")
  private String from;

  private final Clock clock;

  public BackupCommand(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
    super("backup", env, out, err);
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (!from.equals("replica") && !from.equals("master")) {
      throw new ParameterException(spec.commandLine(), "--from must be replica or master, got '" + from + "'");
    }
    if (keepDays < 1) {
      throw new ParameterException(spec.commandLine(), "--keep-days must be a whole number >= 1, got " + keepDays);
    }
    return super.call();
  }

  @Override
  int run(OpsSettings settings) {
    BackupFiles files = new BackupFiles(dir, clock);
    try {
      Deployment deployment = new Deployment(settings);
      Endpoint master = deployment.master();
      Endpoint source = master;
      if (from.equals("replica")) {
        List<Endpoint> replicas = deployment.replicasInSync(master);
        source = replicas.stream().filter(r -> deployment.awaitCaughtUp(master, r, CATCH_UP)).findFirst().orElse(master);
        if (source.equals(master)) {
          out.println("backup: no replica of " + master + " in sync, taking the snapshot from the master");
        }
      }
      long started = System.nanoTime();
      RdbFile backup = Snapshot.take(deployment, source, files);
      out.println("backup: wrote " + backup.path() + " from " + (source.equals(master) ? "master " : "replica ")
          + source + ": " + backup + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      for (Path pruned : files.prune(Duration.ofDays(keepDays))) {
        out.println("backup: deleted " + pruned + " (older than " + keepDays + " days)");
      }
      return OK;
    } catch (Exception e) {
      err.println("vigil backup: FAILED: " + e.getMessage());
      return FAILED;
    }
  }
}
