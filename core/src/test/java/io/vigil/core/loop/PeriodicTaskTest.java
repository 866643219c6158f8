package io.vigil.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PeriodicTaskTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final MutableClock clock = new MutableClock(1_000);

  @Test
  void ticksEveryPeriodOnTheContextThatStartedIt(Vertx vertx) {
    Context owner = vertx.getOrCreateContext();
    List<Context> seen = new CopyOnWriteArrayList<>();
    AtomicReference<PeriodicTask> task = new AtomicReference<>();
    owner.runOnContext(v -> task.set(PeriodicTask.start(vertx, clock, "test", 20, () -> {
      seen.add(Vertx.currentContext());
      return Future.succeededFuture();
    })));

    await().atMost(WAIT).until(() -> seen.size() >= 3);
    task.get().stop().await();

    assertThat(seen).allMatch(c -> c == owner);
  }

  @Test
  void skipsTicksWhileOneIsInFlight(Vertx vertx) {
    AtomicInteger started = new AtomicInteger();
    Promise<Void> first = Promise.promise();
    PeriodicTask task = PeriodicTask.start(vertx, clock, "test", 10, () -> {
      started.incrementAndGet();
      return started.get() == 1 ? first.future() : Future.succeededFuture();
    });

    await().atMost(WAIT).until(() -> started.get() == 1);
    // A tick stuck for many periods: none of the ticks due meanwhile may start.
    await().pollDelay(Duration.ofMillis(100)).atMost(WAIT).until(() -> true);
    assertThat(started).hasValue(1);

    first.complete();
    await().atMost(WAIT).until(() -> started.get() >= 2);
    task.stop().await();
  }

  @Test
  void stopCompletesOnlyAfterTheTickInFlightAndEndsTicking(Vertx vertx) {
    AtomicInteger started = new AtomicInteger();
    Promise<Void> slow = Promise.promise();
    PeriodicTask task = PeriodicTask.start(vertx, clock, "test", 10, () -> {
      started.incrementAndGet();
      return slow.future();
    });
    await().atMost(WAIT).until(() -> started.get() == 1);

    Future<Void> stopped = task.stop();
    await().pollDelay(Duration.ofMillis(50)).atMost(WAIT).until(() -> true);
    assertThat(stopped.isComplete()).isFalse();

    slow.fail("the tick failed");
    await().atMost(WAIT).until(stopped::isComplete);
    assertThat(stopped.succeeded()).isTrue();
    task.runNow().await();
    await().pollDelay(Duration.ofMillis(50)).atMost(WAIT).until(() -> true);
    assertThat(started).hasValue(1);
  }

  @Test
  void aFailedOrThrowingTickLeavesTheNextTickToRun(Vertx vertx) {
    AtomicInteger started = new AtomicInteger();
    PeriodicTask task = PeriodicTask.start(vertx, clock, "test", 10, () -> {
      int n = started.incrementAndGet();
      clock.advance(10);
      if (n == 1) {
        return Future.failedFuture("redis down");
      }
      if (n == 2) {
        throw new IllegalStateException("bug in the tick");
      }
      return n == 3 ? null : Future.succeededFuture();
    });

    await().atMost(WAIT).until(() -> started.get() >= 4);
    task.stop().await();
  }

  @Test
  void runNowTicksAtOnceAndReportsTheOutcome(Vertx vertx) {
    AtomicInteger started = new AtomicInteger();
    PeriodicTask task = PeriodicTask.start(vertx, clock, "test", 60_000, () -> {
      started.incrementAndGet();
      return Future.failedFuture("no");
    });

    Future<Void> outcome = task.runNow();
    await().atMost(WAIT).until(outcome::isComplete);

    assertThat(outcome.cause()).hasMessage("no");
    assertThat(started).hasValue(1);
    task.stop().await();
  }
}
