package io.vigil.core.config;

import io.vigil.core.redis.RedisAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads typed values from an environment map; every error names the variable. Blank counts as unset. */
public final class EnvReader {
  private final Map<String, String> env;

  public EnvReader(Map<String, String> env) {
    this.env = env;
  }

  public String string(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** Secrets are taken verbatim: surrounding spaces may be part of a password. */
  public String secret(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  public int integer(String name, int fallback, int min, int max) {
    long value = wholeNumber(name, fallback);
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
    }
    return (int) value;
  }

  public long millis(String name, long fallback, long min) {
    long value = wholeNumber(name, fallback);
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + " (milliseconds), got " + value);
    }
    return value;
  }

  public boolean bool(String name, boolean fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  /** A comma-separated list of host:port; empty when unset. */
  public List<RedisAddress> addresses(String name) {
    String value = string(name, null);
    List<RedisAddress> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(RedisAddress.parse(part));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " must be a comma-separated host:port list: " + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(name + " is set but names no host:port");
    }
    return out;
  }

  /** A whole number, or the fallback when unset; anything else fails naming the variable. */
  public long wholeNumber(String name, long fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }
}
