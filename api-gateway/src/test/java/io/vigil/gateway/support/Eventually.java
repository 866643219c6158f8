package io.vigil.gateway.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition from the test thread (never an event loop) until it holds or a deadline passes. */
public final class Eventually {
  private Eventually() {}

  public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
