package io.vigil.core.redis;

import static io.vigil.core.redis.SentinelViews.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Views taken from a probe of a manual failover on this machine (Redis 7.0.15, three Sentinels). */
class MasterChoiceTest {
  private static final String OLD = "127.0.0.1:27101";
  private static final String NEW = "127.0.0.1:27102";

  @Test
  void aSentinelWithAnOlderEpochIsOutvotedByNone() {
    MasterChoice choice = MasterChoice.of(List.of(view(1, OLD, 0, "master"), view(2, NEW, 1, "master"),
        view(3, OLD, 0, "master")));

    assertThat(choice.master()).isEqualTo(RedisAddress.parse(NEW));
    assertThat(choice.epoch()).isEqualTo(1);
    assertThat(choice.agreeing()).hasSize(1);
    assertThat(choice.answering()).isEqualTo(3);
  }

  @Test
  void theFailoverLeaderStillNamingTheOldMasterLosesToSentinelsThatSwitched() {
    MasterChoice choice = MasterChoice.of(List.of(
        view(1, OLD, 1, "master,failover_in_progress,force_failover"), view(2, NEW, 1, "master"), view(3, NEW, 1, "master")));

    assertThat(choice.master()).isEqualTo(RedisAddress.parse(NEW));
  }

  @Test
  void beforeAnySwitchTheOldMasterStays() {
    MasterChoice choice = MasterChoice.of(List.of(
        view(1, OLD, 1, "master,failover_in_progress,force_failover"), view(2, OLD, 0, "master"), view(3, OLD, 0, "master")));

    assertThat(choice.master()).isEqualTo(RedisAddress.parse(OLD));
    assertThat(choice.agreeing()).hasSize(3);
    assertThat(choice.failoverInProgress()).isTrue();
  }

  @Test
  void withinOneEpochTheMajorityWinsAndTiesGoToTheFirstAnswer() {
    assertThat(MasterChoice.of(List.of(view(1, OLD, 2, "master"), view(2, NEW, 2, "master"), view(3, NEW, 2, "master")))
        .master()).isEqualTo(RedisAddress.parse(NEW));
    assertThat(MasterChoice.of(List.of(view(1, OLD, 2, "master"), view(2, NEW, 2, "master"))).master())
        .isEqualTo(RedisAddress.parse(OLD));
  }

  @Test
  void noAnswerMeansNoChoice() {
    assertThat(MasterChoice.of(List.of())).isNull();
  }
}
