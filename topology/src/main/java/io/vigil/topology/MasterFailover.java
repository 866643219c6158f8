package io.vigil.topology;

import io.vigil.resp.Endpoint;
import io.vigil.resp.MasterLookup;
import io.vigil.resp.MasterVote;
import io.vigil.resp.RespError;
import io.vigil.resp.SentinelAnswer;
import java.time.Duration;
import java.util.List;

/**
 * The master of a {@link SentinelTopology}, always through {@link MasterLookup} (majority vote,
 * ROLE-verified): which node it is now, a manual failover, and the wait for Sentinels to agree on a new one.
 */
public final class MasterFailover {

  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final SentinelTopology topology;

  MasterFailover(SentinelTopology topology) {
    this.topology = topology;
  }

  /** The ROLE-verified master the Sentinels vote for, waiting up to 10 s while a failover settles. */
  public RedisNode current() {
    return Poll.until(SETTLE, "a ROLE-verified master " + topology.masterName(),
        () -> topology.nodeAt(topology.lookup().master(topology.adminAuth()).toString()));
  }

  /**
   * {@code SENTINEL FAILOVER} on a running Sentinel. Retries for a few seconds while Sentinel answers
   * INPROG or NOGOODSLAVE, which are transient right after a previous failover or a node restart.
   */
  public void failover() {
    Poll.until(SETTLE, "a Sentinel to accept SENTINEL FAILOVER", () -> {
      RedisNode sentinel = topology.sentinels().stream().filter(RedisNode::isRunning).findFirst()
          .orElseThrow(() -> new Poll.Abort("no Sentinel is running"));
      try {
        sentinel.command("SENTINEL", "FAILOVER", topology.masterName());
        return true;
      } catch (RespError e) {
        if (e.code().equals("INPROG") || e.code().equals("NOGOODSLAVE")) {
          throw new Poll.NotYet(e.getMessage());
        }
        throw new Poll.Abort("SENTINEL FAILOVER refused: " + e.getMessage());
      }
    });
  }

  /** Waits until every running Sentinel names a master other than {@code old} and that node's ROLE agrees. */
  public RedisNode awaitNewMaster(RedisNode old, Duration timeout) {
    return Poll.until(timeout, "Sentinels to agree on a master other than " + old.address(), () -> {
      MasterVote<Endpoint> vote = agreed();
      if (vote.master().equals(old.endpoint())) {
        throw new Poll.NotYet("Sentinels still name " + old.address());
      }
      RedisNode candidate = topology.nodeAt(vote.master().toString());
      return candidate.isRunning() && "master".equals(candidate.role()) ? candidate : null;
    });
  }

  /** The vote of the running Sentinels when all of them answered and agree; otherwise not yet. */
  MasterVote<Endpoint> agreed() {
    MasterLookup lookup = topology.lookup();
    List<SentinelAnswer> answers = lookup.ask();
    for (SentinelAnswer answer : answers) {
      if (answer.error() != null) {
        throw new Poll.NotYet(answer.sentinel() + ": " + answer.error().getMessage());
      }
    }
    MasterVote<Endpoint> vote = lookup.vote(answers);
    if (!vote.unanimous()) {
      throw new Poll.NotYet("Sentinels disagree on the master: " + answers.stream().map(SentinelAnswer::master).toList());
    }
    return vote;
  }

  /** The name of the data node that is master now (Sentinels' vote, else ROLE), or null; for close(). */
  String lastMasterName() {
    try {
      // The Sentinels' view first: right after a failover the old master may not be demoted yet.
      return topology.nodeAt(topology.lookup().vote(topology.lookup().ask()).master().toString()).name();
    } catch (RuntimeException noSentinel) {
      for (RedisNode node : topology.dataNodes()) {
        try {
          if (node.isRunning() && "master".equals(node.role())) {
            return node.name();
          }
        } catch (RuntimeException notAnswering) {
          // Not running or not answering: not the master.
        }
      }
      return null;
    }
  }
}
