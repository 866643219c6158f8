package io.vigil.core.redis;

import io.vigil.settings.SettingsException;

/**
 * How many replicas must confirm a durable write (WAIT) before Vigil acknowledges it: {@code auto} follows
 * the healthy replicas Sentinel reports for the current master, else {@code fixed} (0 turns the wait off).
 */
public record ReplicaAcks(boolean automatic, int fixed) {
  public static final String AUTO = "auto";

  public ReplicaAcks {
    SettingsException.require(fixed >= 0, "REDIS_MIN_REPLICA_ACKS", "must be 'auto' or >= 0, got " + fixed);
  }

  public static ReplicaAcks auto() {
    return new ReplicaAcks(true, 0);
  }

  public static ReplicaAcks fixed(int count) {
    return new ReplicaAcks(false, count);
  }

  public static ReplicaAcks parse(String text) {
    String s = text.trim();
    if (AUTO.equalsIgnoreCase(s)) {
      return auto();
    }
    try {
      return fixed(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      throw new SettingsException("REDIS_MIN_REPLICA_ACKS", "must be 'auto' or >= 0, got '" + s + "'");
    }
  }

  @Override
  public String toString() {
    return automatic ? AUTO : Integer.toString(fixed);
  }
}
