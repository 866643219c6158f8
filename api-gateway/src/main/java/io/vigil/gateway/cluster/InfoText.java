package io.vigil.gateway.cluster;

import java.util.HashMap;
import java.util.Map;

/** The {@code key:value} lines of a Redis INFO reply, or the {@code k=v,k=v} fields of one of its values. */
final class InfoText {
  private final Map<String, String> values;

  private InfoText(Map<String, String> values) {
    this.values = values;
  }

  static InfoText parse(String info) {
    Map<String, String> values = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        values.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return new InfoText(values);
  }

  static InfoText parseFields(String value) {
    Map<String, String> values = new HashMap<>();
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new InfoText(values);
  }

  String get(String key) {
    return values.get(key);
  }

  /** The value as a whole number, 0 when absent or not a number. */
  long number(String key) {
    try {
      String value = values.get(key);
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
