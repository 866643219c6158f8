package io.vigil.ops;

import io.vigil.ops.backup.AofRewrite;
import io.vigil.ops.backup.BackupFiles;
import io.vigil.ops.backup.RdbFile;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisBinaries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil restore}: verifies a backup, copies it to {@code D/dump.rdb} and writes {@code D/appendonlydir}
 * from it (so the master starts on the shipped {@code appendonly yes}), then prints the steps that follow.
 */
@Command(name = "restore", sortOptions = false,
    description = {"Prepares a master's data folder from a backup.",
        "Verifies the backup, writes DATA_DIR/dump.rdb and (unless --no-aof) appendonlydir, and prints the "
            + "steps that bring the deployment back on it."},
    footer = "Exit: 0 prepared, 1 the restore failed (damaged backup, folder holds data), 2 bad usage.")
public final class RestoreCommand implements OpsCommand {

  @Option(names = "--file", required = true, paramLabel = "BACKUP.rdb", description = "The backup to restore.")
  private Path file;

  @Option(names = "--dir", required = true, paramLabel = "DATA_DIR", description = "The master's data folder.")
  private Path dir;

  @Option(names = "--force", description = "Overwrite a folder that already holds data.")
  private boolean force;

  @Option(names = "--no-aof",
      description = "Write only dump.rdb, not appendonlydir (the first start then needs --appendonly no).")
  private boolean noAof;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  public RestoreCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try {
      RdbFile backup = RdbFile.verify(file);
      prepare(dir, force);
      Path dump = dir.resolve("dump.rdb");
      Path temporary = dir.resolve("dump.rdb.restoring");
      Files.copy(backup.path(), temporary, StandardCopyOption.REPLACE_EXISTING);
      ownerOnly(temporary);
      Files.move(temporary, dump, StandardCopyOption.ATOMIC_MOVE);
      out.println("restore: " + dump + " written from " + backup);
      RedisBinaries binaries = new RedisBinaries(env);
      boolean aof = !noAof && binaries.serverOrNull() != null;
      if (aof) {
        long keys = AofRewrite.run(new ProcessBackend(binaries), dir);
        ownerOnly(dir.resolve("appendonlydir"));
        out.println("restore: " + dir.resolve("appendonlydir") + " written from it (" + keys + " keys)");
      } else if (!noAof) {
        out.println("restore: no redis-server here (REDIS_SERVER_BIN, PATH): the AOF was not written");
      }
      printSteps(dir, aof);
      return OK;
    } catch (IOException | RuntimeException e) {
      err.println("vigil restore: FAILED: " + e.getMessage());
      return FAILED;
    }
  }

  /** The whole data set is in these files: owner only (0600 files, 0700 folders), whatever the umask. */
  private static void ownerOnly(Path path) throws IOException {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
            Files.isDirectory(p) ? "rwx------" : "rw-------"));
      }
    }
  }

  /** With {@code force} the old dump.rdb and appendonlydir are deleted. */
  private static void prepare(Path dir, boolean force) throws IOException {
    Files.createDirectories(dir);
    Path dump = dir.resolve("dump.rdb");
    Path aof = dir.resolve("appendonlydir");
    if (Files.exists(dump) || Files.exists(aof)) {
      if (!force) {
        throw new IOException(dir + " already holds data (dump.rdb or appendonlydir): use an empty folder, or"
            + " --force to delete them");
      }
      Files.deleteIfExists(dump);
      if (Files.exists(aof)) {
        BackupFiles.deleteTree(aof);
      }
    }
  }

  private void printSteps(Path dir, boolean aof) {
    out.println();
    out.println("Next steps (sentinel-config/README.md, \"Restore\"):");
    out.println("  1. Stop the Vigil roles (gateway, workers, dispatcher), then the three Sentinels, then every data node.");
    out.println("  2. Make " + dir + " the data folder of the node that will be master (keep its rendered redis.conf");
    out.println("     there, or render it again from sentinel-config/redis.conf); empty the replicas' folders (dump.rdb,");
    out.println("     appendonlydir) so they copy the restored master instead of keeping newer data.");
    out.println(aof ? "  3. Start the master on its redis.conf as it is."
        : "  3. Start the master once with --appendonly no (with AOF on and no AOF yet Redis would start EMPTY),"
            + "\n     then run CONFIG SET appendonly yes and wait for aof_rewrite_in_progress:0 in INFO persistence.");
    out.println("  4. Start the replicas (rendered with replica.conf pointing at the master); wait until INFO replication");
    out.println("     on the master shows both online.");
    out.println("  5. Render sentinel.conf again for each Sentinel (their files remember the old master and epoch), start them.");
    out.println("  6. Run vigil doctor, then start the roles. Jobs that were active in the backup are recovered as");
    out.println("     stalled once their lease expires, and run again (at-least-once).");
  }
}
