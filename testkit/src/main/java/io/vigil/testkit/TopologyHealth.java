package io.vigil.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides whether a Sentinel topology is settled: every running Sentinel agrees on one running master, sees
 * every running replica and every other running Sentinel as up, and every running replica is linked.
 * Processes the test stopped on purpose are not required, only those still running.
 */
final class TopologyHealth {

  private TopologyHealth() {
  }

  /** Returns TRUE when healthy; otherwise throws {@link Poll.NotYet} saying what is missing. */
  static Boolean check(String masterName, List<RedisServer> nodes, List<SentinelProcess> sentinels,
      Function<String, RedisServer> nodeAt) {
    List<SentinelProcess> running = sentinels.stream().filter(SentinelProcess::isRunning).toList();
    List<RedisServer> runningNodes = nodes.stream().filter(RedisServer::isRunning).toList();
    if (running.isEmpty()) {
      throw new Poll.NotYet("no Sentinel is running");
    }
    String masterAddress = null;
    for (SentinelProcess sentinel : running) {
      String seen = masterAddress(sentinel, masterName);
      if (masterAddress != null && !masterAddress.equals(seen)) {
        throw new Poll.NotYet("Sentinels disagree on the master: " + masterAddress + " vs " + seen);
      }
      masterAddress = seen;
      checkSentinelView(sentinel, masterName, masterAddress, runningNodes.size() - 1, running.size() - 1);
    }
    RedisServer master = nodeAt.apply(masterAddress);
    if (!master.isRunning() || !"master".equals(master.role())) {
      throw new Poll.NotYet("Sentinels name " + masterAddress + " but it is not a running master");
    }
    for (RedisServer node : runningNodes) {
      if (node != master) {
        checkReplicaLink(node, master);
      }
    }
    return Boolean.TRUE;
  }

  static String masterAddress(SentinelProcess sentinel, String masterName) {
    List<?> reply = (List<?>) sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
    if (reply == null) {
      throw new Poll.NotYet(sentinel + " does not know master " + masterName);
    }
    return reply.get(0) + ":" + reply.get(1);
  }

  private static void checkSentinelView(SentinelProcess sentinel, String masterName, String masterAddress,
      int replicasNeeded, int peersNeeded) {
    Map<String, String> master = fields(sentinel.command("SENTINEL", "MASTER", masterName));
    if (!"master".equals(master.get("flags"))) {
      throw new Poll.NotYet(sentinel + " sees master flags " + master.get("flags"));
    }
    String masterPort = masterAddress.substring(masterAddress.lastIndexOf(':') + 1);
    long replicasUp = ((List<?>) sentinel.command("SENTINEL", "REPLICAS", masterName)).stream()
        .map(TopologyHealth::fields)
        .filter(r -> isUp(r) && "ok".equals(r.get("master-link-status")) && masterPort.equals(r.get("master-port")))
        .count();
    if (replicasUp < replicasNeeded) {
      throw new Poll.NotYet(sentinel + " sees " + replicasUp + " linked replicas, needs " + replicasNeeded);
    }
    long peersUp = ((List<?>) sentinel.command("SENTINEL", "SENTINELS", masterName)).stream()
        .map(TopologyHealth::fields)
        .filter(TopologyHealth::isUp)
        .count();
    if (peersUp < peersNeeded) {
      throw new Poll.NotYet(sentinel + " sees " + peersUp + " other Sentinels, needs " + peersNeeded);
    }
  }

  private static void checkReplicaLink(RedisServer node, RedisServer master) {
    String role = node.info("replication", "role");
    String port = node.info("replication", "master_port");
    String link = node.info("replication", "master_link_status");
    if (!"slave".equals(role) || !String.valueOf(master.port()).equals(port) || !"up".equals(link)) {
      throw new Poll.NotYet(node + " is role=" + role + " master_port=" + port + " link=" + link
          + ", expected a linked replica of " + master.address());
    }
  }

  /** Liveness flags only: {@code master_down} on a peer is its stale vote from the last failover, not an outage. */
  private static boolean isUp(Map<String, String> instance) {
    List<String> flags = List.of(instance.getOrDefault("flags", "").split(","));
    return !flags.contains("s_down") && !flags.contains("o_down") && !flags.contains("disconnected");
  }

  /** Sentinel answers RESP2 maps as flat [key, value, key, value, ...] arrays. */
  static Map<String, String> fields(Object reply) {
    List<?> flat = (List<?>) reply;
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }
}
