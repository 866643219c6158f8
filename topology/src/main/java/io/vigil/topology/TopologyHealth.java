package io.vigil.topology;

import io.vigil.resp.Endpoint;
import io.vigil.resp.MasterVote;
import io.vigil.resp.Replies;
import java.util.List;
import java.util.Map;

/**
 * Whether the running part of a Sentinel topology is settled: every Sentinel votes for one master whose ROLE
 * agrees and sees every replica linked and every other Sentinel up; every replica is linked to that master.
 */
final class TopologyHealth {

  private TopologyHealth() {}

  /** TRUE, or {@link Poll.NotYet} saying what is missing. */
  static Boolean check(SentinelTopology topology) {
    List<RedisNode> sentinels = topology.sentinels().stream().filter(RedisNode::isRunning).toList();
    List<RedisNode> dataNodes = topology.dataNodes().stream().filter(RedisNode::isRunning).toList();
    if (sentinels.isEmpty()) {
      throw new Poll.NotYet("no Sentinel is running");
    }
    MasterVote<Endpoint> vote = topology.agreed();
    RedisNode master = topology.nodeAt(vote.master().toString());
    if (!master.isRunning() || !"master".equals(master.role())) {
      throw new Poll.NotYet("Sentinels name " + master.address() + " but it is not a running master");
    }
    for (RedisNode sentinel : sentinels) {
      checkSentinelView(sentinel, topology.masterName(), master, dataNodes.size() - 1, sentinels.size() - 1);
    }
    for (RedisNode node : dataNodes) {
      if (node != master) {
        checkReplicaLink(node, master);
      }
    }
    return Boolean.TRUE;
  }

  private static void checkSentinelView(RedisNode sentinel, String masterName, RedisNode master,
      int replicasNeeded, int peersNeeded) {
    Map<String, String> view = Replies.pairs(sentinel.command("SENTINEL", "MASTER", masterName));
    if (!"master".equals(view.get("flags"))) {
      throw new Poll.NotYet(sentinel + " sees master flags " + view.get("flags"));
    }
    String masterPort = Integer.toString(master.port());
    long replicasUp = ((List<?>) sentinel.command("SENTINEL", "REPLICAS", masterName)).stream()
        .map(Replies::pairs)
        .filter(r -> isUp(r) && "ok".equals(r.get("master-link-status")) && masterPort.equals(r.get("master-port")))
        .count();
    if (replicasUp < replicasNeeded) {
      throw new Poll.NotYet(sentinel + " sees " + replicasUp + " linked replicas, needs " + replicasNeeded);
    }
    long peersUp = ((List<?>) sentinel.command("SENTINEL", "SENTINELS", masterName)).stream()
        .map(Replies::pairs)
        .filter(TopologyHealth::isUp)
        .count();
    if (peersUp < peersNeeded) {
      throw new Poll.NotYet(sentinel + " sees " + peersUp + " other Sentinels, needs " + peersNeeded);
    }
  }

  private static void checkReplicaLink(RedisNode node, RedisNode master) {
    Map<String, String> info = Replies.info(node.command("INFO", "replication"));
    String role = info.get("role");
    String port = info.get("master_port");
    String link = info.get("master_link_status");
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
}
