package io.vigil.core.keys;

import io.vigil.core.error.InvalidRequestException;
import io.vigil.settings.SettingsException;
import java.util.regex.Pattern;

/** Validates the names that end up inside Redis keys, so user input can never leave its namespace. */
public final class Names {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String RULE = " (letters, digits, '.', '_', '-'; no ':', '{', '}', spaces or control characters)";

  private Names() {}

  public static String requireValidQueue(String queue) {
    return require("queue", queue, ID);
  }

  public static String requireValidJobId(String id) {
    return require("jobId", id, ID);
  }

  public static String requireValidScheduleId(String id) {
    return require("scheduleId", id, ID);
  }

  /** The prefix is a setting, not a request value: a bad one is refused as REDIS_QUEUE_PREFIX. */
  public static String requireValidPrefix(String prefix) {
    SettingsException.require(prefix != null && PREFIX.matcher(prefix).matches(), "REDIS_QUEUE_PREFIX",
        "must match " + PREFIX.pattern() + RULE + ", got '" + prefix + "'");
    return prefix;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String require(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidRequestException(what + " must match " + pattern.pattern() + RULE);
    }
    return value;
  }
}
