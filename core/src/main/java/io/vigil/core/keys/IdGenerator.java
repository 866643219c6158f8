package io.vigil.core.keys;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mints ids and tokens in Java, so a script retried after a dropped connection sees the same id. Tokens
 * fence stale holders, they authenticate nobody: a fast generator will do (SecureRandom locks per job).
 */
public final class IdGenerator {
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
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
    long bits = ThreadLocalRandom.current().nextLong();
    for (int i = 9; i < 20; i++) {
      out[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
    }
    return new String(out);
  }

  /** 128 random bits, hex: the id of one durable call, the same across the broker's re-sends of it. */
  public String operationId() {
    return leaseToken();
  }

  /** 128 random bits, hex: the lease (fencing) token. */
  public String leaseToken() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
