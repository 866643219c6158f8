package io.vigil.dispatcher;

import io.vigil.core.error.InvalidRequestException;
import java.util.Arrays;

/** What a schedule does with the fires it missed while no dispatcher ran (downtime, long outage). */
public enum MisfirePolicy {
  /** One catch-up job for the missed fires (the first of them), then back on schedule. */
  FIRE_ONCE("fire-once"),
  /** Missed fires are dropped; only counted. */
  SKIP("skip"),
  /** Every missed fire gets its job, up to the dispatcher's catch-up bound; older ones are dropped. */
  FIRE_ALL("fire-all");

  private final String wireName;

  MisfirePolicy(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static MisfirePolicy fromWireName(String value) {
    return Arrays.stream(values()).filter(policy -> policy.wireName.equals(value)).findFirst()
        .orElseThrow(() -> new InvalidRequestException("misfire must be one of "
            + Arrays.stream(values()).map(MisfirePolicy::wireName).toList() + ", got '" + value + "'"));
  }
}
