package io.vigil.core.consume;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.error.VigilException;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Repeats a worker call whose reply never came, with the same arguments (and so the same lease tokens),
 * until Redis answers. The scripts are idempotent under such a repeat, and the repeat is how a lease
 * granted by a lost reply is found again instead of being left active with no holder.
 */
final class UntilAnswered {
  private static final long RETRY_MS = 200;
  private final Vertx vertx;
  private final Clock clock;
  private final Consumer<Throwable> onUnanswered;

  UntilAnswered(Vertx vertx, Clock clock, Consumer<Throwable> onUnanswered) {
    this.vertx = vertx;
    this.clock = clock;
    this.onUnanswered = onUnanswered;
  }

  /** Gives up with the last error once {@code deadline} (clock millis) has passed: by then the lease is over anyway. */
  <T> Future<T> run(Supplier<Future<T>> call, long deadline) {
    return call.get().recover(e -> {
      if (!unanswered(e) || clock.millis() >= deadline) {
        return Future.failedFuture(e);
      }
      onUnanswered.accept(e);
      Promise<T> again = Promise.promise();
      vertx.setTimer(RETRY_MS, id -> run(call, deadline).onComplete(again));
      return again.future();
    });
  }

  /** Whether the call may have been applied without our hearing of it (as opposed to a refusal). */
  static boolean unanswered(Throwable e) {
    return e instanceof RedisUnavailableException || e instanceof NotDurableException || !(e instanceof VigilException);
  }
}
