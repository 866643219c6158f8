package io.vigil.core.script;

/**
 * What scripts add to Redis {@code TIME} to get "now": 0 in production (one clock for every host); tests
 * move it to move time for the whole cluster. Never derived from a JVM's clock, or skew would cancel out.
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
