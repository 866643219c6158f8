package io.vigil.core.consume;

/** A handler's failure with instructions: retry after a given delay, or do not retry at all. */
public final class JobFailure extends RuntimeException {
  private final boolean retryable;
  private final Long retryDelayMs;

  private JobFailure(String message, boolean retryable, Long retryDelayMs) {
    super(message, null, false, false);
    this.retryable = retryable;
    this.retryDelayMs = retryDelayMs;
  }

  /** The job goes to failed at once, whatever attempts remain. */
  public static JobFailure permanent(String message) {
    return new JobFailure(message, false, null);
  }

  /** Retried (if attempts remain) after exactly this delay instead of the job's backoff. */
  public static JobFailure retryAfter(String message, long delayMs) {
    if (delayMs < 0) {
      throw new IllegalArgumentException("delayMs must be >= 0");
    }
    return new JobFailure(message, true, delayMs);
  }

  public boolean retryable() {
    return retryable;
  }

  /** Null: use the job's backoff. */
  public Long retryDelayMs() {
    return retryDelayMs;
  }
}
