package io.vigil.resp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one decision of which node is master, from what several Sentinels said; the Vert.x broker and the
 * blocking lookups (ops, topology, tests) all call {@link #of}. The caller verifies the winner's ROLE.
 * 1. The highest config epoch wins: a Sentinel that missed the last failover names an older epoch.
 * 2. Within that epoch, a ballot flagged {@code failover_in_progress} loses: it is the failover leader
 *    still naming the old master (measured: the leader switches ~1 s after the others).
 * 3. Then the address most Sentinels name (the majority of those answering), then the first answer.
 *
 * @param master the chosen master
 * @param epoch the highest epoch any Sentinel named
 * @param votes how many ballots name {@code master}, whatever their epoch
 * @param answering how many Sentinels answered at all
 * @param failoverInProgress a ballot naming {@code master} is flagged {@code failover_in_progress}
 */
public record MasterVote<A>(A master, long epoch, int votes, int answering, boolean failoverInProgress) {

  /** Null when no Sentinel answered. */
  public static <A> MasterVote<A> of(List<Ballot<A>> ballots) {
    if (ballots.isEmpty()) {
      return null;
    }
    long maxEpoch = ballots.stream().mapToLong(Ballot::epoch).max().orElse(0);
    List<Ballot<A>> latest = ballots.stream().filter(b -> b.epoch() == maxEpoch).toList();
    List<Ballot<A>> settled = latest.stream().filter(b -> !b.failoverInProgress()).toList();
    Map<A, Long> byMaster = (settled.isEmpty() ? latest : settled).stream()
        .collect(Collectors.groupingBy(Ballot::master, LinkedHashMap::new, Collectors.counting()));
    long most = Collections.max(byMaster.values());
    // On a tie the address named first stays.
    A chosen = byMaster.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
    List<Ballot<A>> naming = ballots.stream().filter(b -> b.master().equals(chosen)).toList();
    return new MasterVote<>(chosen, maxEpoch, naming.size(), ballots.size(),
        naming.stream().anyMatch(Ballot::failoverInProgress));
  }

  /** Every Sentinel that answered names the winner. */
  public boolean unanimous() {
    return votes == answering;
  }
}
