package io.vigil.core.queue;

/** Where a failed attempt left the job. */
public enum FailOutcome {
  /** Scheduled for another attempt. */
  RETRYING,
  /** Moved to failed: attempts spent or the error was not retryable. */
  FAILED
}
