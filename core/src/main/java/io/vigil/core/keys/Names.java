package io.vigil.core.keys;

import io.vigil.core.error.InvalidRequestException;
import java.util.regex.Pattern;

/** Validates the names that end up inside Redis keys, so user input can never leave its namespace. */
public final class Names {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

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

  public static String requireValidPrefix(String prefix) {
    return require("REDIS_QUEUE_PREFIX", prefix, PREFIX);
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String require(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidRequestException(what + " must match " + pattern.pattern() + " (letters, digits, '.', '_', '-'; no ':', '{', '}', spaces or control characters)");
    }
    return value;
  }
}
