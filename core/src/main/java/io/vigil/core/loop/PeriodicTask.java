package io.vigil.core.loop;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one asynchronous tick every period on the context that started it; every periodic loop uses it.
 * 1. A tick still in flight when the next one is due makes that one skip: ticks never overlap or pile up.
 * 2. A failed tick (a failed future, or a tick that throws) is logged once per streak of failures, and the
 *    recovery once, with how long the streak lasted: a Redis outage is one line, not one per tick.
 * 3. {@link #stop} cancels the timer and completes once a tick in flight has finished, so its owner can
 *    release what the tick uses.
 */
public final class PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);
  private final Vertx vertx;
  private final Clock clock;
  private final String name;
  private final Supplier<? extends Future<?>> tick;
  private final Context context;
  private volatile long timer = -1;
  private volatile boolean stopped;
  // Both touched only on the owning context.
  private Future<Void> inFlight = Future.succeededFuture();
  private int failedTicks;
  private long failingSince;

  private PeriodicTask(Vertx vertx, Clock clock, String name, Supplier<? extends Future<?>> tick) {
    this.vertx = Objects.requireNonNull(vertx);
    this.clock = Objects.requireNonNull(clock);
    this.name = Objects.requireNonNull(name);
    this.tick = Objects.requireNonNull(tick);
    this.context = vertx.getOrCreateContext();
  }

  /**
   * Ticks every {@code periodMs} on the caller's context (or a new one), the first one period from now.
   * {@code name} appears in logs as {@code task=<name>}, so it may carry key=value pairs.
   */
  public static PeriodicTask start(Vertx vertx, Clock clock, String name, long periodMs,
                                   Supplier<? extends Future<?>> tick) {
    if (periodMs < 1) {
      throw new IllegalArgumentException("period of task " + name + " must be at least 1 ms, got " + periodMs);
    }
    PeriodicTask task = new PeriodicTask(vertx, clock, name, tick);
    // The timer belongs to the context current here, which is the task's context.
    task.context.runOnContext(v -> {
      if (!task.stopped) {
        task.timer = vertx.setPeriodic(periodMs, id -> task.runNow());
      }
    });
    return task;
  }

  /**
   * Runs a tick now unless one is in flight or the task is stopped. Completes with the outcome of the tick
   * it started, or of the one already in flight; at once, succeeded, on a stopped task.
   */
  public Future<Void> runNow() {
    if (Vertx.currentContext() != context) {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> runNow().onComplete(done));
      return done.future();
    }
    if (stopped) {
      return Future.succeededFuture();
    }
    if (!inFlight.isComplete()) {
      return inFlight;
    }
    Future<?> started;
    try {
      started = tick.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    Future<Void> current = (started == null ? Future.succeededFuture() : started).mapEmpty();
    inFlight = current;
    // Outcomes arrive on the task's context, so the counters need no lock.
    current.onComplete(ar -> context.runOnContext(v -> record(ar.cause())));
    return current;
  }

  /** Stops ticking (from any thread); completes, never failed, when a tick in flight has finished. */
  public Future<Void> stop() {
    stopped = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      vertx.cancelTimer(timer);
      inFlight.otherwiseEmpty().onComplete(ar -> done.complete());
    });
    return done.future();
  }

  private void record(Throwable failure) {
    if (failure == null) {
      if (failedTicks > 0) {
        log.info("periodic task recovered task={} failedTicks={} failingMs={}", name, failedTicks,
            clock.millis() - failingSince);
        failedTicks = 0;
      }
      return;
    }
    if (failedTicks++ == 0) {
      failingSince = clock.millis();
      log.warn("periodic task failed task={} error={}", name, String.valueOf(failure));
    } else {
      log.debug("periodic task still failing task={} failedTicks={} error={}", name, failedTicks,
          String.valueOf(failure));
    }
  }
}
