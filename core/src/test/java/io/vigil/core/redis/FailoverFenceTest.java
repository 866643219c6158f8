package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class FailoverFenceTest {
  private static final RedisAddress MASTER = RedisAddress.parse("127.0.0.1:27101");
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);
  private final FailoverFence fence = new FailoverFence(clock);

  @Test
  void aRefreshReportingNoFailoverLiftsTheFenceOnlyAfterTheMinimumTime() {
    fence.raise(MASTER, "+try-failover");

    clock.advance(FailoverFence.MIN_MS - 1);
    fence.refreshed(MASTER, false);
    assertThat(fence.fences(MASTER)).isTrue();

    clock.advance(1);
    fence.refreshed(MASTER, false);
    assertThat(fence.fences(MASTER)).isFalse();
  }

  @Test
  void aFailoverStillReportedKeepsTheFenceUpWhateverTheTime() {
    fence.raise(MASTER, "+try-failover");
    clock.advance(10 * FailoverFence.MIN_MS);

    fence.refreshed(MASTER, true);

    assertThat(fence.fences(MASTER)).isTrue();
  }

  @Test
  void aSwitchLiftsTheFenceAtOnce() {
    fence.raise(MASTER, "+try-failover");

    fence.lift();

    assertThat(fence.fences(MASTER)).isFalse();
  }
}
