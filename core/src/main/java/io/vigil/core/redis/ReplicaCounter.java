package io.vigil.core.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, under {@code REDIS_MIN_REPLICA_ACKS=auto}, which replicas' acknowledgements count and how many
 * a durable write needs. Trusting a replica too early is the dangerous direction: in a failover the old
 * master keeps a replica attached after another was promoted, a Sentinel that missed the failover may
 * attach a stale node to it (measured), and their acks are thrown away by the next resync; a promoted
 * replica still looks healthy to Sentinel (only its reported role changes). So:
 * 1. On a new master, trust the replicas Sentinel lists that are not down and do not report role master
 *    (the demoted old master does, until it is converted); the previous master is never trusted then.
 * 2. On the same master, trust a replica once it is in sync (role slave, link ok, not down), but only
 *    while no Sentinel reports a failover in progress; stop trusting it only when most Sentinels naming
 *    this master flag it down, or none has listed it for {@link #MISSES_BEFORE_DROP} refreshes.
 * 3. The count is the number of trusted replicas; with none trusted but one reachable and syncing it is
 *    1, which no ack can meet: writes wait for that sync rather than being acknowledged by the master alone.
 */
final class ReplicaCounter {
  static final int MISSES_BEFORE_DROP = 3;
  private final Set<String> trusted = new HashSet<>();
  private final Map<String, Integer> misses = new HashMap<>();

  /** Updates the trusted set from one refresh and returns the acks a durable write needs. */
  synchronized int update(MasterChoice choice, boolean newMaster, RedisAddress previousMaster) {
    List<SentinelView> views = choice.agreeing();
    boolean failingOver = choice.failoverInProgress();
    if (newMaster) {
      trusted.clear();
      misses.clear();
    }
    Map<String, Integer> downVotes = new HashMap<>();
    Set<String> listed = new HashSet<>();
    boolean syncing = false;
    String previous = previousMaster == null ? null : previousMaster.toString();
    for (SentinelView view : views) {
      for (SentinelView.Replica r : view.replicas()) {
        listed.add(r.name());
        if (newMaster) {
          if (!r.down() && !"master".equals(r.roleReported()) && !r.name().equals(previous)) {
            trusted.add(r.name());
          }
        } else if (r.replicating() && !failingOver) {
          trusted.add(r.name());
        }
        if (r.down()) {
          downVotes.merge(r.name(), 1, Integer::sum);
        }
        syncing |= r.aliveReplica();
      }
    }
    if (!newMaster && !failingOver) {
      trusted.removeIf(name -> downVotes.getOrDefault(name, 0) * 2 > views.size() || missedTooOften(name, listed));
    }
    return trusted.isEmpty() && syncing ? 1 : trusted.size();
  }

  synchronized Set<String> trusted() {
    return Set.copyOf(trusted);
  }

  private boolean missedTooOften(String name, Set<String> listed) {
    if (listed.contains(name)) {
      misses.remove(name);
      return false;
    }
    return misses.merge(name, 1, Integer::sum) >= MISSES_BEFORE_DROP;
  }
}
