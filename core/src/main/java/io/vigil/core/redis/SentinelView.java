package io.vigil.core.redis;

import java.util.List;
import java.util.Set;

/**
 * What one Sentinel said about the monitored master: {@code SENTINEL MASTER} and {@code SENTINEL REPLICAS}.
 *
 * @param sentinel the Sentinel that answered
 * @param master the master it names
 * @param epoch its config epoch; a higher epoch is a later failover
 * @param masterFlags for example {@code master}, {@code s_down}, {@code failover_in_progress}
 * @param replicas the replicas it lists for that master
 */
record SentinelView(RedisAddress sentinel, RedisAddress master, long epoch, Set<String> masterFlags,
                    List<Replica> replicas) {

  boolean failoverInProgress() {
    return masterFlags.contains("failover_in_progress");
  }

  /**
   * One replica as Sentinel sees it.
   *
   * @param name {@code ip:port}
   * @param flags for example {@code slave}, {@code s_down}, {@code disconnected}, {@code promoted}
   * @param roleReported the role the node itself reported in its last INFO
   * @param linkStatus its link to its master, {@code ok} or {@code err}
   */
  record Replica(String name, Set<String> flags, String roleReported, String linkStatus) {

    /** Unreachable for longer than down-after-milliseconds, as judged by this Sentinel. */
    boolean down() {
      return flags.contains("s_down") || flags.contains("o_down");
    }

    /** Connected, a replica by its own account, and in sync with its master. */
    boolean replicating() {
      return !down() && !flags.contains("disconnected") && "slave".equals(roleReported) && "ok".equals(linkStatus);
    }

    /** Reachable and a replica, though maybe still syncing. */
    boolean aliveReplica() {
      return !down() && !flags.contains("disconnected") && "slave".equals(roleReported);
    }
  }
}
