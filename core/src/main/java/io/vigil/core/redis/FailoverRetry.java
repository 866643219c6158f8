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
 * 1. Each attempt gets what is left of the command timeout; nothing waits longer than that in total.
 * 2. A transient failure (connection refused/closed/reset, timeout, READONLY, NOREPLICAS, LOADING,
 *    MASTERDOWN, TRYAGAIN) or a missed replica ack asks the tracker to re-resolve the master, then waits
 *    {@code min(attempt * 50, 2000)} ms, or less when the master switches meanwhile.
 * 3. Only when the budget is spent does the caller see RedisUnavailableException (or NotDurableException).
 * 4. Every attempt starts on the caller's context, so results arrive where the caller expects them.
 * Retrying is safe because every engine script is idempotent and everything else sent is a read; a
 * durable write that was applied but not confirmed repeats only its confirmation on the same master
 * ({@link DurableWrite}), and a script sent again elsewhere carries its operation id.
 * The budget is a timeout run against real timers, so it is measured on the monotonic clock
 * ({@link #nowMs}), not an injected one that a test could hold still.
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
    Promise<T> result = Promise.promise();
    long deadline = nowMs() + budgetMs;
    Call<T> call = new Call<>(deadline, context, attempt, result);
    if (Vertx.currentContext() == context) {
      // Already there: a hop through the task queue would only add latency to every call.
      attempt(1, call);
    } else {
      context.runOnContext(v -> attempt(1, call));
    }
    return result.future();
  }

  /** One caller's call across its attempts. */
  private static final class Call<T> {
    final long deadline;
    final Context context;
    final Function<MasterEndpoint, Future<T>> attempt;
    final Promise<T> result;
    NotDurableException notDurable;

    Call(long deadline, Context context, Function<MasterEndpoint, Future<T>> attempt, Promise<T> result) {
      this.deadline = deadline;
      this.context = context;
      this.attempt = attempt;
      this.result = result;
    }
  }

  private <T> void attempt(int n, Call<T> c) {
    long deadline = c.deadline;
    Promise<T> result = c.result;
    MasterEndpoint endpoint = tracker.current();
    long left = deadline - nowMs();
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
              nowMs() - (deadline - budgetMs));
        }
        result.complete(ar.result());
        return;
      }
      Throwable error = ar.cause();
      if (error instanceof NotDurableException e) {
        c.notDurable = e;
      }
      long remaining = deadline - nowMs();
      if (!retryable(error)) {
        ScriptCalls.<T>classify(error).onFailure(result::fail);
      } else if (remaining <= 0 || endpoint == null || closedUnderUs(error, endpoint)) {
        result.fail(exhausted(error, c.notDurable, n, endpoint, tracker.status().lastRefreshError()));
      } else {
        tracker.refresh(false);
        sleep(Math.min(Math.min(n * STEP_MS, MAX_DELAY_MS), remaining), endpoint, c.context, () -> attempt(n + 1, c));
      }
    });
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
    if (tracker.current() != failed) {
      unregister.run();
      if (fired.compareAndSet(false, true)) {
        next.run();
      }
      return;
    }
    timer[0] = vertx.setTimer(Math.max(1, delayMs), id -> {
      unregister.run();
      if (fired.compareAndSet(false, true)) {
        next.run();
      }
    });
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
