package io.vigil.core.redis;

import io.vigil.resp.Ballot;
import io.vigil.resp.MasterVote;
import java.util.List;

/**
 * The master Vigil should use, chosen by {@link MasterVote} from what several Sentinels said.
 *
 * @param agreeing the views that name {@code master}; only their replica lists count
 * @param answering how many Sentinels answered at all
 */
record MasterChoice(RedisAddress master, long epoch, List<SentinelView> agreeing, int answering) {

  static MasterChoice fixed(RedisAddress address) {
    return new MasterChoice(address, 0, List.of(), 0);
  }

  /** Null when no view was given. */
  static MasterChoice of(List<SentinelView> views) {
    MasterVote<RedisAddress> vote = MasterVote.of(views.stream()
        .map(v -> new Ballot<>(v.master(), v.epoch(), v.failoverInProgress())).toList());
    if (vote == null) {
      return null;
    }
    // Replica lists of every answer naming the winner count, even one still flagged in failover.
    List<SentinelView> agreeing = views.stream().filter(v -> v.master().equals(vote.master())).toList();
    return new MasterChoice(vote.master(), vote.epoch(), agreeing, views.size());
  }

  /** The configured quorum the agreeing Sentinels report (the highest, should they differ); 0 if unknown. */
  int sentinelQuorum() {
    return agreeing.stream().mapToInt(SentinelView::quorum).max().orElse(0);
  }

  boolean failoverInProgress() {
    return agreeing.stream().anyMatch(SentinelView::failoverInProgress);
  }
}
