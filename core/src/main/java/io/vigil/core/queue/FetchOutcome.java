package io.vigil.core.queue;

/** What a fetch found: a job, or why there is none and when to look again. */
public sealed interface FetchOutcome {

  /** A job under a new lease. */
  record Fetched(Lease lease) implements FetchOutcome {}

  /** Nothing waiting; {@code nextDueAt} is the earliest delayed job's due time, or -1. */
  record Idle(long nextDueAt) implements FetchOutcome {}

  /** The queue is paused. */
  record Paused() implements FetchOutcome {}

  /** The queue's global concurrency limit is reached. */
  record ConcurrencyLimited() implements FetchOutcome {}

  /** The queue's rate limit is reached for {@code waitMs} more. */
  record RateLimited(long waitMs) implements FetchOutcome {}
}
