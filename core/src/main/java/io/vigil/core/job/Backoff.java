package io.vigil.core.job;

import io.vigil.core.error.InvalidRequestException;

/** Delay before a retry; {@code jitter} is the share randomised away (0 = exact, 1 = anywhere in [0, delay]). */
public record Backoff(BackoffType type, long delayMs, double jitter) {
  public static final Backoff DEFAULT = new Backoff(BackoffType.EXPONENTIAL, 2000, 0);
  public static final long MAX_DELAY_MS = 7L * 24 * 3600 * 1000;

  public Backoff {
    if (type == null) {
      throw new InvalidRequestException("backoff.type must be exponential or fixed");
    }
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new InvalidRequestException("backoff.delayMs must be between 0 and " + MAX_DELAY_MS);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new InvalidRequestException("backoff.jitter must be between 0 and 1");
    }
  }

  /** Delay after the given number of failed attempts (1 = first failure); random is uniform in [0, 1). */
  public long delayAfter(int attemptsMade, double random) {
    double base = type == BackoffType.FIXED ? delayMs : delayMs * Math.pow(2, Math.max(0, attemptsMade - 1));
    double capped = Math.min(base, MAX_DELAY_MS);
    return Math.round(capped * (1 - jitter * random));
  }
}
