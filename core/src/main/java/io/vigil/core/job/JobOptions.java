package io.vigil.core.job;

import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import java.util.Set;

/**
 * Per-job options as the caller gave them; null means "the engine default", resolved at use time so a
 * job stores only what differs from the defaults.
 */
public record JobOptions(Integer attempts, Backoff backoff, long delayMs, int priority, Long timeoutMs,
                         Retention removeOnComplete, Retention removeOnFail) {
  public static final int MAX_PRIORITY = 2_097_151;
  public static final JobOptions DEFAULTS = new JobOptions(null, null, 0, 0, null, null, null);
  private static final Set<String> KNOWN = Set.of("attempts", "backoff", "delayMs", "priority", "timeoutMs",
      "removeOnComplete", "removeOnFail");
  private static final long MAX_DELAY_MS = 365L * 24 * 3600 * 1000;

  public JobOptions {
    if (attempts != null && (attempts < 1 || attempts > 1000)) {
      throw new InvalidRequestException("options.attempts must be between 1 and 1000");
    }
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new InvalidRequestException("options.delayMs must be between 0 and " + MAX_DELAY_MS);
    }
    if (priority < 0 || priority > MAX_PRIORITY) {
      throw new InvalidRequestException("options.priority must be between 0 and " + MAX_PRIORITY);
    }
    if (timeoutMs != null && timeoutMs <= 0) {
      throw new InvalidRequestException("options.timeoutMs must be > 0");
    }
  }

  public JobOptions withAttempts(int value) {
    return new JobOptions(value, backoff, delayMs, priority, timeoutMs, removeOnComplete, removeOnFail);
  }

  public JobOptions withBackoff(Backoff value) {
    return new JobOptions(attempts, value, delayMs, priority, timeoutMs, removeOnComplete, removeOnFail);
  }

  public JobOptions withRemoveOnComplete(Retention value) {
    return new JobOptions(attempts, backoff, delayMs, priority, timeoutMs, value, removeOnFail);
  }

  /** Parses and validates the API form; unknown or mistyped fields are refused. */
  public static JobOptions fromJson(JsonObject json) {
    if (json == null) {
      return DEFAULTS;
    }
    for (String field : json.fieldNames()) {
      if (!KNOWN.contains(field)) {
        throw new InvalidRequestException("options." + field + " is not a known option; known: " + KNOWN);
      }
    }
    try {
      return new JobOptions(integer(json, "attempts"), backoff(json.getValue("backoff")),
          longOr(json, "delayMs", 0), integer(json, "priority") == null ? 0 : integer(json, "priority"),
          json.containsKey("timeoutMs") ? longOr(json, "timeoutMs", 0) : null,
          retention(json.getValue("removeOnComplete"), "removeOnComplete"),
          retention(json.getValue("removeOnFail"), "removeOnFail"));
    } catch (ClassCastException e) {
      throw new InvalidRequestException("options have a field of the wrong type: " + e.getMessage());
    }
  }

  /** The form stored with the job and shown by the API: only what the caller set. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (attempts != null) {
      json.put("attempts", attempts);
    }
    if (backoff != null) {
      json.put("backoff", new JsonObject().put("type", backoff.type().name().toLowerCase(java.util.Locale.ROOT))
          .put("delayMs", backoff.delayMs()).put("jitter", backoff.jitter()));
    }
    if (delayMs > 0) {
      json.put("delayMs", delayMs);
    }
    if (priority > 0) {
      json.put("priority", priority);
    }
    if (timeoutMs != null) {
      json.put("timeoutMs", timeoutMs);
    }
    if (removeOnComplete != null) {
      json.put("removeOnComplete", retentionJson(removeOnComplete));
    }
    if (removeOnFail != null) {
      json.put("removeOnFail", retentionJson(removeOnFail));
    }
    return json;
  }

  private static JsonObject retentionJson(Retention retention) {
    return new JsonObject().put("count", retention.count()).put("ageMs", retention.maxAgeMs());
  }

  private static Integer integer(JsonObject json, String field) {
    Number value = whole(json, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    return value == null ? null : value.intValue();
  }

  private static long longOr(JsonObject json, String field, long fallback) {
    // Beyond 2^53 a double no longer holds whole numbers exactly; no option needs that range.
    Number value = whole(json, field, -9_007_199_254_740_991d, 9_007_199_254_740_991d);
    return value == null ? fallback : value.longValue();
  }

  /** The field's number, or null when absent; refused unless whole and within [min, max]. */
  private static Number whole(JsonObject json, String field, double min, double max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new InvalidRequestException("options." + field + " must be an integer");
    }
    if (number.doubleValue() < min || number.doubleValue() > max) {
      throw new InvalidRequestException("options." + field + " is out of range");
    }
    return number;
  }

  private static Backoff backoff(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      throw new InvalidRequestException("options.backoff must be an object {type, delayMs, jitter}");
    }
    String type = json.getValue("type") instanceof String s ? s : "exponential";
    BackoffType backoffType = switch (type) {
      case "exponential" -> BackoffType.EXPONENTIAL;
      case "fixed" -> BackoffType.FIXED;
      default -> throw new InvalidRequestException("options.backoff.type must be exponential or fixed");
    };
    Object jitter = json.getValue("jitter", 0);
    if (!(jitter instanceof Number)) {
      throw new InvalidRequestException("options.backoff.jitter must be a number between 0 and 1");
    }
    return new Backoff(backoffType, longOr(json, "delayMs", Backoff.DEFAULT.delayMs()), ((Number) jitter).doubleValue());
  }

  private static int count(Number number, String field) {
    double value = number.doubleValue();
    if (value != Math.rint(value) || value < -1 || value > Integer.MAX_VALUE) {
      throw new InvalidRequestException("options." + field + " count must be a whole number from -1 up");
    }
    return (int) value;
  }

  /** Accepts true (remove at once), false (keep, age limit only), a count, or {count, ageMs}. */
  private static Retention retention(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean remove) {
      return remove ? new Retention(0, 0) : new Retention(-1, 0);
    }
    if (value instanceof Number number) {
      return new Retention(count(number, field), 0);
    }
    if (value instanceof JsonObject json) {
      Object count = json.getValue("count", -1);
      Object age = json.getValue("ageMs", 0);
      if (!(count instanceof Number) || !(age instanceof Number)) {
        throw new InvalidRequestException("options." + field + " count and ageMs must be numbers");
      }
      double ageMs = ((Number) age).doubleValue();
      if (ageMs < 0 || ageMs > 9_007_199_254_740_991d) {
        throw new InvalidRequestException("options." + field + ".ageMs is out of range");
      }
      return new Retention(count((Number) count, field), (long) ageMs);
    }
    throw new InvalidRequestException("options." + field + " must be true, false, a count or {count, ageMs}");
  }
}
