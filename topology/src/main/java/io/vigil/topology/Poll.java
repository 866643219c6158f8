package io.vigil.topology;

import java.time.Duration;
import java.util.function.Supplier;

/** Repeats a check until it passes or a deadline expires, reporting the last reason it failed. */
final class Poll {

  private static final long INTERVAL_MILLIS = 50;

  private Poll() {}

  /** Runs {@code check} until it returns non-null; a throw is "not yet", its message part of the timeout error. */
  static <T> T until(Duration timeout, String what, Supplier<T> check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastReason = "never checked";
    while (true) {
      try {
        T value = check.get();
        if (value != null) {
          return value;
        }
        lastReason = "condition not met";
      } catch (Abort e) {
        throw e;
      } catch (NotYet e) {
        lastReason = e.getMessage();
      } catch (RuntimeException e) {
        lastReason = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
            + "; last state: " + lastReason);
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** A check that can never pass any more (a process died). */
  static class Abort extends RuntimeException {
    Abort(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Why a check is not satisfied yet, without a stack trace. */
  static final class NotYet extends RuntimeException {
    NotYet(String reason) {
      super(reason, null, false, false);
    }
  }
}
