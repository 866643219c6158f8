package io.vigil.settings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads typed values from an environment map, with one set of rules for every setting.
 * 1. Unset or blank means the fallback; values are trimmed (secrets are not).
 * 2. Whole numbers are digits with an optional sign: {@code 2.5}, {@code 1e3} and {@code 10ms} are refused.
 * 3. Booleans are {@code true} or {@code false}, in any case.
 * 4. Lists are comma-separated; blank entries are dropped.
 * 5. Every refusal is a {@link SettingsException}, {@code VARIABLE: why}.
 */
public final class EnvReader {
  public static final int MIN_PASSWORD_LENGTH = 16;
  private final Map<String, String> env;

  public EnvReader(Map<String, String> env) {
    this.env = env;
  }

  public String string(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** Secrets are taken verbatim: surrounding spaces may be part of a password. Empty is unset (null). */
  public String secret(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * A Redis password: a secret of at least {@link #MIN_PASSWORD_LENGTH} characters. Redis checks passwords fast and
   * without limit, so a short one falls to guessing; it is refused at start, whatever else is set.
   */
  public String password(String name) {
    return checkedPassword(name, secret(name));
  }

  /** {@code value} unless it is shorter than {@link #MIN_PASSWORD_LENGTH} (null passes: unset). */
  public static String checkedPassword(String name, String value) {
    if (value != null && value.length() < MIN_PASSWORD_LENGTH) {
      throw new SettingsException(name, "must be at least " + MIN_PASSWORD_LENGTH + " characters long, got "
          + value.length());
    }
    return value;
  }

  public int integer(String name, int fallback, int min, int max) {
    return (int) wholeNumber(name, fallback, min, max);
  }

  /** The settings record checks the range. */
  public int integer(String name, int fallback) {
    return integer(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public long millis(String name, long fallback, long min) {
    return wholeNumber(name, fallback, min, Long.MAX_VALUE);
  }

  public long wholeNumber(String name, long fallback, long min, long max) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new SettingsException(name, "must be a whole number, got '" + value + "'");
    }
    SettingsException.require(parsed >= min && parsed <= max, name, range(min, max) + ", got " + parsed);
    return parsed;
  }

  public long wholeNumber(String name, long fallback) {
    return wholeNumber(name, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  public double decimal(String name, double fallback, double min, double max) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new SettingsException(name, "must be a number, got '" + value + "'");
    }
    SettingsException.require(parsed >= min && parsed <= max, name,
        "must be between " + min + " and " + max + ", got " + value);
    return parsed;
  }

  public boolean bool(String name, boolean fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new SettingsException(name, "must be true or false, got '" + value + "'");
    };
  }

  /** The trimmed non-blank entries of a comma-separated list; the fallback list when unset. */
  public List<String> list(String name, String fallback) {
    String value = string(name, fallback);
    return value == null ? List.of() : Stream.of(value.split(",")).filter(p -> !p.isBlank()).map(String::trim).toList();
  }

  /** Every entry through {@code parse}; empty when unset, refused when set but naming nothing. */
  public <T> List<T> parsedList(String name, Function<String, T> parse) {
    List<String> entries = list(name, (String) null);
    SettingsException.require(string(name, null) == null || !entries.isEmpty(), name, "is set but names nothing");
    return entries.stream().map(entry -> apply(name, entry, parse)).toList();
  }

  public <T> T parsed(String name, T fallback, Function<String, T> parse) {
    String value = string(name, null);
    return value == null ? fallback : apply(name, value, parse);
  }

  private static <T> T apply(String name, String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (SettingsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SettingsException(name, e.getMessage());
    }
  }

  private static String range(long min, long max) {
    boolean noMin = min == Long.MIN_VALUE || min == Integer.MIN_VALUE;
    boolean noMax = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
    return noMin && noMax ? "is out of range" : noMax ? "must be >= " + min : noMin ? "must be <= " + max
        : "must be between " + min + " and " + max;
  }
}
