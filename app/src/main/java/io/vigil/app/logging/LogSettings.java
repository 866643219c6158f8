package io.vigil.app.logging;

import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the app logs: {@code VIGIL_LOG_FORMAT} ({@code text}, the default, or {@code json}: one object per line),
 * {@code VIGIL_LOG_LEVEL} ({@code trace}, {@code debug}, {@code info} (default), {@code warn}, {@code error}) and
 * {@code VIGIL_LOG_LEVELS}, levels of single loggers ({@code io.vigil.worker.JobRunLog=debug,...}).
 *
 * @param loggers logger name to level
 */
public record LogSettings(Format format, String level, Map<String, String> loggers) {
  public static final LogSettings DEFAULTS = new LogSettings(Format.TEXT, "INFO");
  private static final String LEVELS = "trace, debug, info, warn or error";
  private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  public enum Format { TEXT, JSON }

  public LogSettings {
    loggers = Map.copyOf(loggers);
  }

  public LogSettings(Format format, String level) {
    this(format, level, Map.of());
  }

  public static LogSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    Format format = r.parsed("VIGIL_LOG_FORMAT", Format.TEXT, LogSettings::format);
    String level = r.parsed("VIGIL_LOG_LEVEL", "INFO", value -> level("VIGIL_LOG_LEVEL", value));
    Map<String, String> loggers = new LinkedHashMap<>();
    for (String entry : r.list("VIGIL_LOG_LEVELS", "")) {
      int eq = entry.indexOf('=');
      String name = eq < 0 ? entry : entry.substring(0, eq).trim();
      if (eq < 0 || !LOGGER_NAME.matcher(name).matches()) {
        throw new SettingsException("VIGIL_LOG_LEVELS", "must be logger=level pairs separated by commas, got '"
            + entry + "'");
      }
      loggers.put(name, level("VIGIL_LOG_LEVELS", entry.substring(eq + 1).trim()));
    }
    return new LogSettings(format, level, loggers);
  }

  private static Format format(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default -> throw new SettingsException("VIGIL_LOG_FORMAT", "must be text or json, got '" + value + "'");
    };
  }

  private static String level(String variable, String value) {
    String upper = value.toUpperCase(Locale.ROOT);
    return switch (upper) {
      case "TRACE", "DEBUG", "INFO", "WARN", "ERROR" -> upper;
      default -> throw new SettingsException(variable, "must be " + LEVELS + ", got '" + value + "'");
    };
  }
}
