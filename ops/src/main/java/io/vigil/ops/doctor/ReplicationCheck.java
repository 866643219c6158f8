package io.vigil.ops.doctor;

import io.vigil.ops.check.Check;
import io.vigil.resp.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replicas in sync: attached to the master, online, acknowledging within min-replicas-max-lag. */
final class ReplicationCheck {

  private ReplicationCheck() {}

  /** @param expected how many replicas the deployment has (what Sentinel knows of, or 2) */
  static Check check(NodeSnapshot master, int expected) {
    if (master.error() != null) {
      return Check.fail("replicas", master.node() + ": " + master.error());
    }
    if (!"master".equals(master.info().get("role"))) {
      return Check.fail("replicas", master.node() + " is not a master (role " + master.info().get("role") + ")");
    }
    long maxLag = Math.max(1, master.number("min-replicas-max-lag"));
    long masterOffset = Long.parseLong(master.info().getOrDefault("master_repl_offset", "0"));
    List<Map<String, String>> slaves = Replies.replicas(master.info());
    int inSync = 0;
    long behind = 0;
    List<String> problems = new ArrayList<>();
    for (Map<String, String> slave : slaves) {
      String name = slave.get("ip") + ":" + slave.get("port");
      long lag = Long.parseLong(slave.getOrDefault("lag", "-1"));
      if ("online".equals(slave.get("state")) && lag >= 0 && lag <= maxLag) {
        inSync++;
        behind = Math.max(behind, masterOffset - Long.parseLong(slave.getOrDefault("offset", "0")));
      } else {
        problems.add(name + " state=" + slave.get("state") + " lag=" + lag);
      }
    }
    String others = problems.isEmpty() ? "" : "; " + String.join(", ", problems);
    if (inSync == 0) {
      return Check.fail("replicas", "no replica of " + master.node() + " in sync" + others + ": if it crashes its data"
          + " is lost and nothing can take over" + (master.number("min-replicas-to-write") > 0
          ? "; min-replicas-to-write makes it refuse writes now" : ""));
    }
    String detail = inSync + "/" + Math.max(expected, slaves.size()) + " replicas of " + master.node()
        + " in sync (lag <= " + maxLag + " s, at most " + behind + " bytes behind)" + others;
    return inSync < Math.max(expected, 2) ? Check.warn("replicas", detail) : Check.pass("replicas", detail);
  }
}
