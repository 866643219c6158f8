package io.vigil.settings;

/**
 * A setting that cannot be used, reported as {@code VARIABLE: why}. The entry points print the message and
 * exit 2; it is an {@link IllegalArgumentException} so that callers that already refuse bad arguments
 * refuse bad settings the same way.
 */
public final class SettingsException extends IllegalArgumentException {

  public SettingsException(String variable, String why) {
    super(variable + ": " + why);
  }

  public static void require(boolean condition, String variable, String why) {
    if (!condition) {
      throw new SettingsException(variable, why);
    }
  }
}
