package io.vigil.core.redis;

import static io.vigil.core.redis.SentinelViews.replica;
import static io.vigil.core.redis.SentinelViews.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequences taken from probes of a manual failover, kill -9 and a restarted Sentinel on this machine. */
class ReplicaCounterTest {
  private static final String M1 = "127.0.0.1:27101";
  private static final String R1 = "127.0.0.1:27102";
  private static final String R2 = "127.0.0.1:27103";

  private final ReplicaCounter counter = new ReplicaCounter();

  private int sameMaster(SentinelView... views) {
    return counter.update(MasterChoice.of(List.of(views)), false, null);
  }

  private int switchedFrom(String previous, SentinelView... views) {
    return counter.update(MasterChoice.of(List.of(views)), true, previous == null ? null : RedisAddress.parse(previous));
  }

  private int healthyStart() {
    return switchedFrom(null, view(1, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "slave", "slave", "ok")));
  }

  @Test
  void twoHealthyReplicasAreTwoTrustedAcks() {
    assertThat(healthyStart()).isEqualTo(2);
    assertThat(counter.trusted()).containsExactlyInAnyOrder(R1, R2);
  }

  @Test
  void aReplicaBeingPromotedStaysTrustedSoTheOldMasterCannotCollectAcks() {
    healthyStart();

    // Non-leader Sentinels: the promoted replica reports role master, with no flag telling why.
    int duringPromotion = sameMaster(
        view(2, M1, 0, "master", replica(R1, "slave", "master", "ok"), replica(R2, "slave", "slave", "ok")),
        view(3, M1, 0, "master", replica(R2, "slave", "slave", "err")),
        view(1, M1, 1, "master,failover_in_progress,force_failover", replica(R1, "slave,promoted", "master", "ok"),
            replica(R2, "slave,disconnected,reconf_sent", "slave", "ok")));

    assertThat(duringPromotion).isEqualTo(2);
    assertThat(counter.trusted()).containsExactlyInAnyOrder(R1, R2);
  }

  @Test
  void onTheNewMasterTheDemotedOldMasterIsTrustedOnlyOnceItReplicates() {
    healthyStart();

    int afterSwitch = switchedFrom(M1, view(2, R1, 1, "master",
        replica(M1, "slave", "master", "err"), replica(R2, "slave", "slave", "ok")));
    int stillDemoting = sameMaster(view(2, R1, 1, "master",
        replica(M1, "slave,disconnected", "master", "err"), replica(R2, "slave", "slave", "ok")));
    int converted = sameMaster(view(2, R1, 1, "master",
        replica(M1, "slave", "slave", "ok"), replica(R2, "slave", "slave", "ok")));

    assertThat(List.of(afterSwitch, stillDemoting, converted)).containsExactly(1, 1, 2);
  }

  @Test
  void rightAfterAKillTheReplicaSentinelHasNotReachedYetIsExpectedAndTheDeadMasterIsNot() {
    healthyStart();

    int afterSwitch = switchedFrom(M1, view(2, R1, 1, "master",
        replica(M1, "s_down,slave,disconnected", "slave", "err"), replica(R2, "slave,disconnected", "slave", "err")));

    assertThat(afterSwitch).isEqualTo(1);
    assertThat(counter.trusted()).containsExactly(R2);
  }

  @Test
  void noReplicaIsTrustedWhileASentinelReportsAFailoverOfThisMaster() {
    switchedFrom(null, view(1, R1, 1, "master", replica(R2, "slave", "slave", "ok")));

    // A restarted Sentinel that missed the promotion re-attaches the stale old master to R1 (measured).
    int duringFailover = sameMaster(
        view(1, R1, 2, "master,failover_in_progress", replica(R2, "slave,promoted", "master", "ok")),
        view(2, R1, 1, "master", replica(M1, "slave", "slave", "ok"), replica(R2, "slave", "master", "ok")));

    assertThat(duringFailover).isEqualTo(1);
    assertThat(counter.trusted()).containsExactly(R2);
  }

  @Test
  void aReplicaMostSentinelsSeeDownStopsCountingOneSentinelAloneIsNotEnough() {
    healthyStart();

    int oneVote = sameMaster(
        view(1, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "s_down,slave", "slave", "ok")),
        view(2, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "slave", "slave", "ok")),
        view(3, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "slave", "slave", "ok")));
    int twoVotes = sameMaster(
        view(1, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "s_down,slave,disconnected", "slave", "ok")),
        view(2, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "s_down,slave,disconnected", "slave", "ok")),
        view(3, M1, 0, "master", replica(R1, "slave", "slave", "ok"), replica(R2, "slave", "slave", "ok")));

    assertThat(oneVote).isEqualTo(2);
    assertThat(twoVotes).isEqualTo(1);
  }

  @Test
  void aReplicaNoSentinelListsAnyMoreIsDroppedAfterThreeRefreshes() {
    healthyStart();

    int first = sameMaster(view(1, M1, 0, "master", replica(R1, "slave", "slave", "ok")));
    int second = sameMaster(view(1, M1, 0, "master", replica(R1, "slave", "slave", "ok")));
    int third = sameMaster(view(1, M1, 0, "master", replica(R1, "slave", "slave", "ok")));

    assertThat(List.of(first, second, third)).containsExactly(2, 2, 1);
  }

  @Test
  void aReplicaStillSyncingMakesWritesWaitInsteadOfBeingAcknowledgedByTheMasterAlone() {
    switchedFrom(null, view(1, M1, 0, "master"));

    int count = sameMaster(view(1, M1, 0, "master", replica(R1, "slave", "slave", "err")));

    assertThat(count).isEqualTo(1);
    assertThat(counter.trusted()).isEmpty();
  }

  @Test
  void noReplicaAtAllMeansNoWait() {
    assertThat(switchedFrom(null, view(1, M1, 0, "master"))).isZero();
  }
}
