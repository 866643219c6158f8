package io.vigil.report.support;

import java.util.function.BooleanSupplier;

/** Polls a condition that a background event (a closed connection, a request) will make true. */
public final class Wait {
  private Wait() {}

  public static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(10);
    }
  }
}
