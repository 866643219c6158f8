package io.vigil.core.job;

import io.vigil.core.error.InvalidRequestException;

/**
 * How many finished jobs to keep and for how long.
 *
 * @param count newest jobs kept (0 = removed at once, -1 = no count limit)
 * @param maxAgeMs older jobs are removed (0 = no age limit)
 */
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
