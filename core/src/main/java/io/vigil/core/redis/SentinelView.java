package io.vigil.core.redis;

import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one Sentinel said about the monitored master: {@code SENTINEL MASTER} and {@code SENTINEL REPLICAS}.
 *
 * @param epoch the master's config epoch; a higher epoch is a later failover
 * @param masterFlags for example {@code master}, {@code s_down}, {@code failover_in_progress}
 * @param quorum Sentinels that must agree the master is down before a failover (its configured quorum)
 */
record SentinelView(RedisAddress sentinel, RedisAddress master, long epoch, Set<String> masterFlags,
                    List<Replica> replicas, int quorum) {

  /** Reads Sentinel's field/value replies (flat RESP2 arrays: Sentinel clients use RESP2). */
  static SentinelView of(RedisAddress sentinel, Response master, Response replicas) {
    Map<String, String> m = fields(master);
    String ip = m.get("ip");
    String port = m.get("port");
    if (ip == null || ip.isEmpty() || port == null || port.isEmpty()) {
      throw new IllegalStateException("Sentinel reply has no '" + (ip == null || ip.isEmpty() ? "ip" : "port")
          + "' field");
    }
    List<Replica> list = replicas == null ? List.of() : replicas.stream().map(entry -> {
      Map<String, String> f = fields(entry);
      return new Replica(f.getOrDefault("name", f.get("ip") + ":" + f.get("port")), flags(f.get("flags")),
          f.getOrDefault("role-reported", ""), f.getOrDefault("master-link-status", ""));
    }).toList();
    return new SentinelView(sentinel, new RedisAddress(ip, Integer.parseInt(port)),
        Long.parseLong(m.getOrDefault("config-epoch", "0")), flags(m.get("flags")), list,
        Integer.parseInt(m.getOrDefault("quorum", "0")));
  }

  static Set<String> flags(String text) {
    return text == null || text.isEmpty() ? Set.of() : Set.of(text.split(","));
  }

  private static Map<String, String> fields(Response r) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
      Response value = r.get(i + 1);
      out.put(r.get(i).toString(), value == null ? "" : value.toString());
    }
    return out;
  }

  boolean failoverInProgress() {
    return masterFlags.contains("failover_in_progress");
  }

  /**
   * One replica ({@code ip:port}) as Sentinel sees it.
   *
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
      return aliveReplica() && "ok".equals(linkStatus);
    }

    /** Reachable and a replica, though maybe still syncing. */
    boolean aliveReplica() {
      return !down() && !flags.contains("disconnected") && "slave".equals(roleReported);
    }
  }
}
