package io.vigil.core.queue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns a job hash (flat HGETALL reply; the payload is its {@code data} field) into a {@link Job}. */
public final class JobCodec {
  // Jobs of one kind share their options text: parse each distinct text once (bounded).
  private static final int MAX_CACHED_OPTIONS = 1024;
  private static final Map<String, JobOptions> OPTIONS = new ConcurrentHashMap<>();

  private JobCodec() {}

  private static JobOptions options(String json) {
    if (json == null) {
      return JobOptions.DEFAULTS;
    }
    JobOptions cached = OPTIONS.get(json);
    if (cached == null) {
      cached = JobOptions.fromJson(new JsonObject(json));
      if (OPTIONS.size() < MAX_CACHED_OPTIONS) {
        OPTIONS.put(json, cached);
      }
    }
    return cached;
  }

  /** Any flat HGETALL reply (jobs, schedules) as a map; null is an empty hash. */
  public static Map<String, String> fields(Response flatHash) {
    Map<String, String> fields = new HashMap<>();
    // The broker speaks RESP2 only (ClientOptions), so HGETALL and Lua replies are flat arrays.
    for (int i = 0; flatHash != null && i + 1 < flatHash.size(); i += 2) {
      fields.put(flatHash.get(i).toString(), flatHash.get(i + 1).toString());
    }
    return fields;
  }

  /**
   * {@code legacyDataJson}: the payload kept in {@code <job>:data} by jobs enqueued before it became the hash's
   * {@code data} field, which wins when present.
   */
  public static Job decode(String queue, String id, String legacyDataJson, Map<String, String> f) {
    String dataJson = f.getOrDefault("data", legacyDataJson);
    String errorsJson = f.get("errors");
    List<String> errors = errorsJson == null || errorsJson.isEmpty() || errorsJson.equals("{}") ? List.of()
        : new JsonArray(errorsJson).stream().map(String::valueOf).toList();
    return new Job(id, queue, f.get("name"), dataJson, options(f.get("opts")),
        JobState.fromWire(f.getOrDefault("state", "waiting")),
        intOf(f.get("prio")), intOf(f.get("ats")), intOf(f.get("atm")), intOf(f.get("stalls")),
        f.get("progress"), f.get("result"), emptyToNull(f.get("reason")), errors, emptyToNull(f.get("worker")),
        longOf(f.get("created")), nullableLong(f.get("started")), nullableLong(f.get("finished")));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static int intOf(String s) {
    return s == null || s.isEmpty() ? 0 : (int) Double.parseDouble(s);
  }

  private static long longOf(String s) {
    return s == null || s.isEmpty() ? 0 : (long) Double.parseDouble(s);
  }

  private static Long nullableLong(String s) {
    return s == null || s.isEmpty() ? null : (long) Double.parseDouble(s);
  }
}
