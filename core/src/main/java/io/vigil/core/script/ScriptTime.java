package io.vigil.core.script;

/**
 * What scripts add to Redis {@code TIME} to get "now": 0 in production, so every host shares the Redis
 * server's clock for leases, due times, stall detection and retention ages. Tests move it to move time
 * for the whole cluster; it is never derived from a JVM's own clock, or a skewed clock would cancel out.
 */
@FunctionalInterface
public interface ScriptTime {
  /** Production: Redis time as it is. */
  ScriptTime REDIS = () -> 0;

  /** Milliseconds added to Redis TIME, sent as a script argument. */
  long offsetMs();

  /** The offset as the argument the scripts read. */
  default String arg() {
    return Long.toString(offsetMs());
  }
}
