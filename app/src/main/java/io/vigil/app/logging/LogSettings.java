package io.vigil.app.logging;

import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.util.Locale;
import java.util.Map;

/**
 * How the app logs: {@code VIGIL_LOG_FORMAT} ({@code text}, the default, or {@code json}: one object per line)
 * and {@code VIGIL_LOG_LEVEL} ({@code trace}, {@code debug}, {@code info} (default), {@code warn}, {@code error}).
 */
public record LogSettings(Format format, String level) {
  public static final LogSettings DEFAULTS = new LogSettings(Format.TEXT, "INFO");
  private static final String LEVELS = "trace, debug, info, warn or error";

  public enum Format { TEXT, JSON }

  public static LogSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    Format format = r.parsed("VIGIL_LOG_FORMAT", Format.TEXT, LogSettings::format);
    String level = r.parsed("VIGIL_LOG_LEVEL", "INFO", LogSettings::level);
    return new LogSettings(format, level);
  }

  private static Format format(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default -> throw new SettingsException("VIGIL_LOG_FORMAT", "must be text or json, got '" + value + "'");
    };
  }

  private static String level(String value) {
    String upper = value.toUpperCase(Locale.ROOT);
    return switch (upper) {
      case "TRACE", "DEBUG", "INFO", "WARN", "ERROR" -> upper;
      default -> throw new SettingsException("VIGIL_LOG_LEVEL", "must be " + LEVELS + ", got '" + value + "'");
    };
  }
}
