package io.vigil.ops;

import io.vigil.ops.backup.BackupFiles;
import io.vigil.ops.backup.RdbFile;
import io.vigil.ops.backup.Snapshot;
import io.vigil.ops.resp.Endpoint;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil backup --dir D [--keep-days N] [--from replica|master]}: a consistent RDB snapshot taken over
 * the network with the replication protocol, verified (header and CRC-64), written atomically as
 * {@code D/vigil-<UTC timestamp>.rdb}; then backups older than N days (default 7) are deleted.
 *
 * <p>By default the snapshot comes from a replica in sync (online, acknowledged within a second), once it
 * has applied everything the master had when the command started. The fork then happens off the master,
 * and the master never lists the download as a replica of its own (a listener without a port, which
 * Sentinel would add to its replica table). The master is used when no replica is in sync, or with
 * {@code --from master}.
 *
 * <p>It does not wait on LASTSAVE: the users' guide compared LASTSAVE with itself after BGSAVE, a loop that
 * never ends, and a BGSAVE on the server leaves the file on the server anyway.
 */
public final class BackupCommand implements OpsCommand {

  private static final String USAGE_LINE = "usage: vigil backup --dir DIR [--keep-days N] [--from replica|master]"
      + "   (REDIS_* as for the roles, plus REDIS_ADMIN_USERNAME/REDIS_ADMIN_PASSWORD)";

  /** A replica in sync applies the master's latest writes within milliseconds. */
  private static final Duration CATCH_UP = Duration.ofSeconds(2);

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public BackupCommand() {
    this(System.out, System.err, Clock.systemUTC());
  }

  public BackupCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public int run(String[] args, Map<String, String> env) {
    Arguments arguments;
    OpsSettings settings;
    try {
      arguments = Arguments.parse(args, "--dir", "--keep-days", "--from");
      settings = OpsSettings.fromEnv(env);
    } catch (IllegalArgumentException e) {
      err.println("vigil backup: " + e.getMessage());
      err.println(USAGE_LINE);
      return USAGE;
    }
    String from = arguments.getOrDefault("--from", "replica");
    if (arguments.get("--dir") == null || !from.equals("replica") && !from.equals("master")) {
      err.println(USAGE_LINE);
      return USAGE;
    }
    long keepDays;
    try {
      keepDays = Long.parseLong(arguments.getOrDefault("--keep-days", "7"));
    } catch (NumberFormatException e) {
      keepDays = -1;
    }
    if (keepDays < 1) {
      err.println("vigil backup: --keep-days must be a whole number >= 1");
      return USAGE;
    }
    BackupFiles files = new BackupFiles(Path.of(arguments.get("--dir")), clock);
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
