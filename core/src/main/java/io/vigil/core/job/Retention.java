package io.vigil.core.job;

import io.vigil.core.error.InvalidRequestException;

/** Finished jobs kept: the newest {@code count} (0 = none, -1 = no limit), none older than {@code maxAgeMs} (0 = no limit). */
public record Retention(int count, long maxAgeMs) {
  public Retention {
    if (count < -1) {
      throw new InvalidRequestException("retention count must be -1 (keep all), 0 (remove at once) or more");
    }
    if (maxAgeMs < 0) {
      throw new InvalidRequestException("retention age must be >= 0");
    }
  }
}
