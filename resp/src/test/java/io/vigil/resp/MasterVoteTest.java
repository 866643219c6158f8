package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ballots taken from a probe of a manual failover on this machine (Redis 7.0.15, three Sentinels). */
class MasterVoteTest {
  private static final String OLD = "127.0.0.1:27101";
  private static final String NEW = "127.0.0.1:27102";

  private static Ballot<String> ballot(String master, long epoch, String flags) {
    return new Ballot<>(master, epoch, flags.contains("failover_in_progress"));
  }

  @Test
  void aSentinelWithAnOlderEpochIsOutvotedByNone() {
    MasterVote<String> vote = MasterVote.of(List.of(ballot(OLD, 0, "master"), ballot(NEW, 1, "master"),
        ballot(OLD, 0, "master")));

    assertThat(vote).isEqualTo(new MasterVote<>(NEW, 1, 1, 3, false));
    assertThat(vote.unanimous()).isFalse();
  }

  @Test
  void theFailoverLeaderStillNamingTheOldMasterLosesToSentinelsThatSwitched() {
    MasterVote<String> vote = MasterVote.of(List.of(ballot(OLD, 1, "master,failover_in_progress,force_failover"),
        ballot(NEW, 1, "master"), ballot(NEW, 1, "master")));

    assertThat(vote).isEqualTo(new MasterVote<>(NEW, 1, 2, 3, false));
  }

  @Test
  void beforeAnySwitchTheOldMasterStays() {
    MasterVote<String> vote = MasterVote.of(List.of(ballot(OLD, 1, "master,failover_in_progress,force_failover"),
        ballot(OLD, 0, "master"), ballot(OLD, 0, "master")));

    assertThat(vote).isEqualTo(new MasterVote<>(OLD, 1, 3, 3, true));
    assertThat(vote.unanimous()).isTrue();
  }

  @Test
  void withinOneEpochTheMajorityWinsAndTiesGoToTheFirstAnswer() {
    assertThat(MasterVote.of(List.of(ballot(OLD, 2, "master"), ballot(NEW, 2, "master"), ballot(NEW, 2, "master")))
        .master()).isEqualTo(NEW);
    assertThat(MasterVote.of(List.of(ballot(OLD, 2, "master"), ballot(NEW, 2, "master"))).master()).isEqualTo(OLD);
  }

  @Test
  void noAnswerMeansNoVote() {
    assertThat(MasterVote.<String>of(List.of())).isNull();
  }
}
