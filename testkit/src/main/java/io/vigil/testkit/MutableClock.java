package io.vigil.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so backoff, leases and retention are checked without sleeping. */
public final class MutableClock extends Clock {
  private final long startMillis;
  private final AtomicLong millis;

  public MutableClock(long startMillis) {
    this.startMillis = startMillis;
    this.millis = new AtomicLong(startMillis);
  }

  /** Tests move Redis-side time by this offset too. */
  public long offsetMs() {
    return millis.get() - startMillis;
  }

  public void advance(long deltaMs) {
    millis.addAndGet(deltaMs);
  }

  public void set(long epochMillis) {
    millis.set(epochMillis);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
