package io.vigil.core.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.error.VigilException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one broker call against the current master and retries it through a failover.
 * 1. Each attempt gets what is left of the command timeout, measured on the monotonic clock (real timers).
 * 2. A transient failure ({@link TransientErrors}) or a missed replica ack re-resolves the master, then
 *    waits {@code min(attempt * 50, 2000)} ms, or less when the master switches meanwhile.
 *    A refused password (WRONGPASS) is retried the same way when passwords come from files, which are read
 *    again at once: the file may hold a rotated password this JVM has not read yet.
 * 3. Only when the budget is spent does the caller see RedisUnavailableException (or NotDurableException).
 * 4. Every attempt starts on the caller's context, and its result is handed over there: the shared
 *    pipelined connections answer on the context that opened them, and a caller such as a job processor
 *    keeps its state unsynchronised on its own context.
 * Safe because every engine script is idempotent (a re-sent script carries its operation id; see
 * {@link DurableWrite} for an applied but unconfirmed write) and everything else sent is a read.
 */
final class FailoverRetry {
  private static final Logger log = LoggerFactory.getLogger(FailoverRetry.class);
  private static final long STEP_MS = 50;
  private static final long MAX_DELAY_MS = 2_000;
  private final Vertx vertx;
  private final MasterTracker tracker;
  private final long budgetMs;

  FailoverRetry(Vertx vertx, MasterTracker tracker, long budgetMs) {
    this.vertx = vertx;
    this.tracker = tracker;
    this.budgetMs = budgetMs;
  }

  <T> Future<T> run(Function<MasterEndpoint, Future<T>> attempt) {
    Context context = vertx.getOrCreateContext();
    Call<T> call = new Call<>(nowMs() + budgetMs, context, attempt, Promise.promise());
    if (Vertx.currentContext() == context) {
      // Already there: a hop through the task queue would only add latency to every call.
      attempt(1, call, null);
    } else {
      context.runOnContext(v -> attempt(1, call, null));
    }
    return call.result.future();
  }

  /** One caller's call across its attempts. */
  private record Call<T>(long deadline, Context context, Function<MasterEndpoint, Future<T>> attempt,
                         Promise<T> result) {}

  /** {@code notDurable}: the last missed replica ack among the earlier attempts, or null. */
  private <T> void attempt(int n, Call<T> c, NotDurableException notDurable) {
    MasterEndpoint endpoint = tracker.current();
    long left = c.deadline - nowMs();
    Future<T> call;
    try {
      call = endpoint == null ? Future.failedFuture(new IllegalStateException("Connection is closed: broker closed"))
          : c.attempt.apply(endpoint).timeout(Math.max(1, left), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      call = Future.failedFuture(e);
    }
    call.onComplete(ar -> {
      if (ar.succeeded()) {
        if (n > 1) {
          log.debug("redis call recovered attempts={} master={} waitedMs={}", n, endpoint.address(),
              nowMs() - (c.deadline - budgetMs));
        }
        onCallerContext(c, () -> c.result.complete(ar.result()));
        return;
      }
      Throwable error = ar.cause();
      NotDurableException lastNotDurable = error instanceof NotDurableException e ? e : notDurable;
      long remaining = c.deadline - nowMs();
      // A rotated password refused before this JVM read the new one: read the file now, then retry.
      boolean refused = TransientErrors.isAuthFailure(error) && tracker.settings().passwordsFromFiles();
      if (refused) {
        tracker.credentialsRefused();
      }
      if (!refused && !retryable(error)) {
        ScriptCalls.<T>classify(error).onFailure(e -> onCallerContext(c, () -> c.result.fail(e)));
      } else if (remaining <= 0 || endpoint == null || closedUnderUs(error, endpoint)) {
        Throwable exhausted = exhausted(error, lastNotDurable, n, endpoint, tracker.status().lastRefreshError());
        onCallerContext(c, () -> c.result.fail(exhausted));
      } else {
        tracker.refresh(false);
        sleep(Math.min(Math.min(n * STEP_MS, MAX_DELAY_MS), remaining), endpoint, c.context,
            () -> attempt(n + 1, c, lastNotDurable));
      }
    });
  }

  private static void onCallerContext(Call<?> c, Runnable settle) {
    if (Vertx.currentContext() == c.context) {
      settle.run();
    } else {
      c.context.runOnContext(v -> settle.run());
    }
  }

  /** Waits {@code delayMs}, or until the master switches away from {@code failed}, whichever is first. */
  private void sleep(long delayMs, MasterEndpoint failed, Context context, Runnable next) {
    AtomicBoolean fired = new AtomicBoolean();
    long[] timer = {-1};
    Runnable unregister = tracker.onNextSwitch(() -> {
      if (fired.compareAndSet(false, true)) {
        context.runOnContext(v -> {
          vertx.cancelTimer(timer[0]);
          next.run();
        });
      }
    });
    Runnable once = () -> {
      unregister.run();
      if (fired.compareAndSet(false, true)) {
        next.run();
      }
    };
    if (tracker.current() != failed) {
      once.run();
    } else {
      timer[0] = vertx.setTimer(Math.max(1, delayMs), id -> once.run());
    }
  }

  private static long nowMs() {
    return System.nanoTime() / 1_000_000;
  }

  /**
   * The current master's client was closed by someone else (Vert.x closing, its close hooks run beside the
   * undeploy of verticles): nobody reopens it, so retrying only delays the caller's stop by the whole
   * budget. A client closed because the tracker switched masters is not current any more and is retried.
   */
  private boolean closedUnderUs(Throwable error, MasterEndpoint endpoint) {
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains("Client is closed")) {
        return tracker.current() == endpoint;
      }
    }
    return false;
  }

  static boolean retryable(Throwable error) {
    if (error instanceof NotDurableException) {
      return true;
    }
    return !(error instanceof VigilException) && TransientErrors.isTransient(error);
  }

  /** A budget that ran out after replicas failed to confirm is reported as such: the write may exist, unconfirmed. */
  private static Throwable exhausted(Throwable last, NotDurableException notDurable, int attempts,
                                     MasterEndpoint endpoint, String topologyError) {
    if (notDurable != null) {
      return notDurable;
    }
    return new RedisUnavailableException("Redis unavailable after " + attempts + " attempt(s) (master "
        + (endpoint == null ? "none" : endpoint.address()) + "): " + last.getMessage()
        + (topologyError == null ? "" : "; cannot look for another master: " + topologyError), last);
  }
}
