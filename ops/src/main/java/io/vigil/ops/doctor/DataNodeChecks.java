package io.vigil.ops.doctor;

import io.vigil.ops.check.Check;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The production checklist items that are settings of every data node (each can become the master):
 * password, protected mode, persistence, maxmemory with noeviction, min-replicas, slowlog.
 */
final class DataNodeChecks {

  private static final String KIND = "data nodes";

  private DataNodeChecks() {}

  static List<Check> all(List<NodeSnapshot> nodes) {
    return List.of(
        Verdicts.combine("password", KIND, nodes, DataNodeChecks::password),
        onSettings("protected-mode", nodes, DataNodeChecks::protectedMode),
        onSettings("persistence", nodes, DataNodeChecks::persistence),
        onSettings("maxmemory", nodes, DataNodeChecks::maxmemory),
        onSettings("min-replicas", nodes, DataNodeChecks::minReplicas),
        onSettings("slowlog", nodes, DataNodeChecks::slowlog));
  }

  /** A node whose settings could not be read fails it. */
  private static Check onSettings(String item, List<NodeSnapshot> nodes, Function<NodeSnapshot, Check> check) {
    return Verdicts.combine(item, KIND, nodes, node -> node.error() != null ? Check.fail(item, node.error())
        : check.apply(node));
  }

  private static Check password(NodeSnapshot node) {
    if (node.openWithoutPassword()) {
      return Check.fail("password", "answers clients that send no password (set requirepass)");
    }
    return node.reachable() ? Check.pass("password", "refuses clients without a password")
        : Check.fail("password", node.error());
  }

  private static Check protectedMode(NodeSnapshot node) {
    if ("yes".equals(node.config().get("protected-mode"))) {
      return Check.pass("protected-mode", "protected-mode yes");
    }
    return node.openWithoutPassword()
        ? Check.fail("protected-mode", "protected-mode no and no password: anyone who reaches the port owns the data")
        : Check.warn("protected-mode", "protected-mode no (the password still protects it; set yes as a second guard)");
  }

  private static Check persistence(NodeSnapshot node) {
    String save = node.config().getOrDefault("save", "");
    boolean aof = "yes".equals(node.config().get("appendonly"));
    String fsync = node.config().get("appendfsync");
    String rdb = save.isBlank() ? "no RDB snapshots" : "RDB save '" + save + "'";
    if (!aof) {
      return Check.fail("persistence", "appendonly no (" + rdb + "): a crash loses every write since the last"
          + " snapshot, and a master restarted empty empties its replicas");
    }
    for (String status : List.of("rdb_last_bgsave_status", "aof_last_write_status", "aof_last_bgrewrite_status")) {
      if (!"ok".equals(node.info().getOrDefault(status, "ok"))) {
        return Check.fail("persistence", status + ":" + node.info().get(status) + " (see the node's log: disk full?)");
      }
    }
    if ("no".equals(fsync)) {
      return Check.warn("persistence", "appendfsync no: the OS decides when writes reach the disk; use everysec");
    }
    if (save.isBlank()) {
      return Check.warn("persistence", "AOF (appendfsync " + fsync + ") but no RDB snapshots: restarts replay the"
          + " whole AOF; add save rules");
    }
    return Check.pass("persistence", rdb + " + AOF appendfsync " + fsync);
  }

  private static Check maxmemory(NodeSnapshot node) {
    long max = node.number("maxmemory");
    String policy = node.config().get("maxmemory-policy");
    if (max == 0) {
      return Check.fail("maxmemory", "maxmemory 0 (policy " + policy + "): Redis grows until the OS kills it;"
          + " set maxmemory with noeviction");
    }
    if (!"noeviction".equals(policy)) {
      return Check.fail("maxmemory", "maxmemory-policy " + policy + " evicts keys when full: queued jobs would"
          + " silently disappear; use noeviction");
    }
    long used = Long.parseLong(node.info().getOrDefault("used_memory", "0"));
    long percent = used * 100 / max;
    String detail = "maxmemory " + megabytes(max) + " with noeviction";
    return percent >= 80 ? Check.warn("maxmemory", detail + ", " + percent + "% used: enqueues fail soon")
        : Check.pass("maxmemory", detail);
  }

  private static Check minReplicas(NodeSnapshot node) {
    long toWrite = node.number("min-replicas-to-write");
    long lag = node.number("min-replicas-max-lag");
    if (toWrite < 1) {
      return Check.fail("min-replicas", "min-replicas-to-write 0: a master cut off from its replicas keeps"
          + " acknowledging jobs that the failover then discards");
    }
    String detail = "min-replicas-to-write " + toWrite + ", min-replicas-max-lag " + lag + " s";
    return lag > 10 ? Check.warn("min-replicas", detail + ": an isolated master accepts writes for that long")
        : Check.pass("min-replicas", detail);
  }

  private static Check slowlog(NodeSnapshot node) {
    long micros = node.number("slowlog-log-slower-than");
    long length = node.number("slowlog-max-len");
    if (micros < 0 || length == 0) {
      return Check.warn("slowlog", "slowlog disabled: slow commands leave no trace");
    }
    String detail = "commands over " + micros / 1000.0 + " ms kept, " + length + " entries";
    return micros > 100_000 || length < 128 ? Check.warn("slowlog", detail + " (use <= 100 ms and >= 128 entries)")
        : Check.pass("slowlog", detail);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0fmb", bytes / 1024.0 / 1024.0);
  }
}
