package io.vigil.dispatcher;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.keys.Names;
import java.util.Objects;
import java.util.Set;

/**
 * A cron schedule: which job to enqueue into which queue, when, and what to do about missed fires.
 * Validated on construction; bad input throws {@link InvalidRequestException} with a message naming the field.
 *
 * @param dataJson the job payload, already encoded as JSON
 */
public record Schedule(String id, String cron, String timezone, String queue, String name, String dataJson,
                       JobOptions options, MisfirePolicy misfire) {
  /** Keeps {@code cron-<id>-<13-digit millis>} within the 128 characters a job id may have. */
  public static final int MAX_ID_LENGTH = 100;
  public static final String DEFAULT_TIMEZONE = "UTC";
  private static final Set<String> FIELDS = Set.of("id", "cron", "timezone", "queue", "name", "data", "options", "misfire");

  public Schedule {
    requireValidId(id);
    Names.requireValidQueue(queue);
    timezone = Objects.requireNonNullElse(timezone, DEFAULT_TIMEZONE);
    CronTimes.parse(cron, timezone);
    dataJson = Objects.requireNonNullElse(dataJson, "null");
    try {
      Json.decodeValue(dataJson);
    } catch (DecodeException e) {
      throw new InvalidRequestException("data must be JSON: " + e.getMessage());
    }
    options = Objects.requireNonNullElse(options, JobOptions.DEFAULTS);
    misfire = Objects.requireNonNullElse(misfire, MisfirePolicy.FIRE_ONCE);
    // The job this schedule enqueues must itself be valid (name, id length), so a bad schedule fails at PUT, not at fire time.
    new NewJob(jobId(id, 0), name, dataJson, options);
  }

  /** The job id of one fire: the same on every dispatcher, so racing dispatchers collide instead of duplicating. */
  public static String jobId(String scheduleId, long fireEpochMillis) {
    return "cron-" + scheduleId + "-" + fireEpochMillis;
  }

  public static String requireValidId(String id) {
    Names.requireValidScheduleId(id);
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidRequestException("scheduleId must be at most " + MAX_ID_LENGTH + " characters");
    }
    return id;
  }

  public NewJob jobFor(long fireEpochMillis) {
    return new NewJob(jobId(id, fireEpochMillis), name, dataJson, options);
  }

  /** Parses the cron and zone (already known to be valid). */
  public CronTimes times() {
    return CronTimes.parse(cron, timezone);
  }

  /**
   * Parses the API (and storage) form {@code {"cron","timezone","queue","name","data","options","misfire"}};
   * the id comes from the path, and a body {@code id}, if any, must match it. Unknown fields are refused.
   */
  public static Schedule fromJson(String id, JsonObject json) {
    if (json == null) {
      throw new InvalidRequestException("a schedule body is required");
    }
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidRequestException("schedule field '" + field + "' is not known; known: " + FIELDS);
      }
    }
    Object bodyId = json.getValue("id");
    if (bodyId != null && !bodyId.equals(id)) {
      throw new InvalidRequestException("schedule id in the body ('" + bodyId + "') differs from the path ('" + id + "')");
    }
    Object options = json.getValue("options");
    if (options != null && !(options instanceof JsonObject)) {
      throw new InvalidRequestException("options must be an object");
    }
    String misfire = string(json, "misfire");
    return new Schedule(id, string(json, "cron"), string(json, "timezone"), string(json, "queue"), string(json, "name"),
        Json.encode(json.getValue("data")), JobOptions.fromJson((JsonObject) options),
        misfire == null ? MisfirePolicy.FIRE_ONCE : MisfirePolicy.fromWireName(misfire));
  }

  /** Parses a stored schedule; storage holds only what {@link #toJson()} wrote. */
  public static Schedule decode(String id, String storedJson) {
    try {
      return fromJson(id, new JsonObject(storedJson));
    } catch (DecodeException e) {
      throw new InvalidRequestException("stored schedule " + id + " is not JSON: " + e.getMessage());
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("cron", cron).put("timezone", timezone).put("queue", queue)
        .put("name", name).put("data", Json.decodeValue(dataJson)).put("options", options.toJson())
        .put("misfire", misfire.wireName());
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new InvalidRequestException(field + " must be a string");
    }
    return (String) value;
  }
}
