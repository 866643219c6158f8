package io.vigil.core.keys;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Mints job ids and lease tokens in Java, so a script retried after a dropped connection sees the
 * same id and can tell "already done" from "new".
 */
public final class IdGenerator {
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public IdGenerator(Clock clock) {
    this.clock = clock;
  }

  /** 20 characters: 9 of time (sorts by creation) and 11 random (55 bits). */
  public String jobId() {
    char[] out = new char[20];
    long millis = clock.millis();
    for (int i = 8; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    long bits = random.nextLong();
    for (int i = 9; i < 20; i++) {
      out[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
    }
    return new String(out);
  }

  /** 128 random bits, hex: the lease (fencing) token. */
  public String leaseToken() {
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
