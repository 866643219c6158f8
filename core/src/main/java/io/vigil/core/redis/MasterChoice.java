package io.vigil.core.redis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master Vigil should use, chosen from what several Sentinels said.
 * 1. The highest config epoch wins: a Sentinel that missed the last failover names an older epoch.
 * 2. Within that epoch, a view flagged {@code failover_in_progress} loses: it is the failover leader
 *    still naming the old master (measured: the leader switches ~1 s after the others).
 * 3. Then the address most Sentinels name, then the first answer.
 *
 * @param master the chosen master
 * @param epoch its config epoch
 * @param agreeing the views that name {@code master}; only their replica lists count
 * @param answering how many Sentinels answered at all
 */
record MasterChoice(RedisAddress master, long epoch, List<SentinelView> agreeing, int answering) {

  static MasterChoice fixed(RedisAddress address) {
    return new MasterChoice(address, 0, List.of(), 0);
  }

  /** Null when no view was given. */
  static MasterChoice of(List<SentinelView> views) {
    if (views.isEmpty()) {
      return null;
    }
    long maxEpoch = views.stream().mapToLong(SentinelView::epoch).max().orElse(0);
    List<SentinelView> latest = views.stream().filter(v -> v.epoch() == maxEpoch).toList();
    List<SentinelView> settled = latest.stream().filter(v -> !v.failoverInProgress()).toList();
    List<SentinelView> candidates = settled.isEmpty() ? latest : settled;
    Map<RedisAddress, List<SentinelView>> byAddress = new LinkedHashMap<>();
    for (SentinelView v : candidates) {
      byAddress.computeIfAbsent(v.master(), a -> new ArrayList<>()).add(v);
    }
    RedisAddress winner = byAddress.entrySet().stream()
        .max(Comparator.comparingInt((Map.Entry<RedisAddress, List<SentinelView>> e) -> e.getValue().size()))
        .orElseThrow().getKey();
    // Replica lists of every answer naming the winner count, even one still flagged in failover.
    List<SentinelView> agreeing = views.stream().filter(v -> v.master().equals(winner)).toList();
    return new MasterChoice(winner, maxEpoch, agreeing, views.size());
  }

  boolean failoverInProgress() {
    return agreeing.stream().anyMatch(SentinelView::failoverInProgress);
  }
}
