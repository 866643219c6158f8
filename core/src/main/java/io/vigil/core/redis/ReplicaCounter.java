package io.vigil.core.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides how many replicas a durable write waits for under {@code REDIS_MIN_REPLICA_ACKS=auto}.
 *
 * <p>Lowering the count is the dangerous direction: during a manual failover the old master keeps one
 * replica attached after the other was promoted, and WAIT 1 there acknowledges writes that the promotion
 * discards. A promoted replica still looks healthy to Sentinel (only its reported role changes, and the
 * non-leader Sentinels do not flag it), so the rules are:
 * 1. On a new master, count the replicas that are in sync with it (role slave, link ok, not down); the
 *    demoted old master reports role master and is left out until it really replicates.
 * 2. On the same master, add a replica once it is in sync; drop it only when most Sentinels that name
 *    this master flag it down, or when none has listed it for {@link #MISSES_BEFORE_DROP} refreshes; drop
 *    nothing while a failover is in progress.
 * 3. Never 0 while a reachable replica exists: its sync must finish before writes are acknowledged.
 * 4. Right after a switch Sentinel has not yet looked at the new master's replicas (measured: it lists
 *    them as disconnected), so the first count is at least the old count minus the promoted replica.
 *    The next refresh, a second later, counts from what Sentinel then sees.
 */
final class ReplicaCounter {
  static final int MISSES_BEFORE_DROP = 3;
  private final Set<String> counted = new HashSet<>();
  private final Map<String, Integer> misses = new HashMap<>();

  private int last;

  /** Updates the counted set from one refresh; {@code newMaster} starts over for a switched master. */
  synchronized int update(MasterChoice choice, boolean newMaster) {
    int before = last;
    List<SentinelView> views = choice.agreeing();
    if (newMaster) {
      counted.clear();
      misses.clear();
    }
    Map<String, Integer> downVotes = new HashMap<>();
    Set<String> listed = new HashSet<>();
    boolean aliveReplica = false;
    for (SentinelView view : views) {
      for (SentinelView.Replica r : view.replicas()) {
        listed.add(r.name());
        if (r.replicating()) {
          counted.add(r.name());
        }
        if (r.down()) {
          downVotes.merge(r.name(), 1, Integer::sum);
        }
        aliveReplica |= r.aliveReplica();
      }
    }
    if (!newMaster && !choice.failoverInProgress()) {
      counted.removeIf(name -> downVotes.getOrDefault(name, 0) * 2 > views.size() || missedTooOften(name, listed));
    }
    int count = Math.max(counted.size(), aliveReplica ? 1 : 0);
    if (newMaster) {
      count = Math.max(count, before - 1);
    }
    last = count;
    return count;
  }

  private boolean missedTooOften(String name, Set<String> listed) {
    if (listed.contains(name)) {
      misses.remove(name);
      return false;
    }
    return misses.merge(name, 1, Integer::sum) >= MISSES_BEFORE_DROP;
  }
}
