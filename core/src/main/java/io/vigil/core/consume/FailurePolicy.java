package io.vigil.core.consume;

import io.vigil.core.job.Backoff;
import io.vigil.core.queue.Lease;
import java.util.concurrent.ThreadLocalRandom;

/** Turns a handler's failure into what the fail script needs: a bounded message and a retry delay. */
final class FailurePolicy {
  private static final int MAX_ERROR_LENGTH = 4000;

  private FailurePolicy() {}

  /** The delay before the next attempt, or -1 when the error must not be retried. */
  static long retryDelay(Lease lease, Throwable error, Backoff defaultBackoff) {
    if (error instanceof JobFailure failure) {
      if (!failure.retryable()) {
        return -1;
      }
      if (failure.retryDelayMs() != null) {
        return failure.retryDelayMs();
      }
    }
    Backoff backoff = lease.job().options().backoff() != null ? lease.job().options().backoff() : defaultBackoff;
    return backoff.delayAfter(lease.job().attemptsMade() + 1, ThreadLocalRandom.current().nextDouble());
  }

  static String describe(Throwable error) {
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
  }
}
