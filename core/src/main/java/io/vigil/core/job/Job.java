package io.vigil.core.job;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A snapshot of one job as stored in Redis. JSON fields (data, progress, result) stay encoded. */
public record Job(String id, String queue, String name, String dataJson, JobOptions options, JobState state,
                  int priority, int attemptsStarted, int attemptsMade, int stalls, String progressJson,
                  String resultJson, String failedReason, List<String> errors, String worker,
                  long createdAt, Long startedAt, Long finishedAt) {

  /** The API form (see the gateway's OpenAPI contract). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id).put("queue", queue).put("name", name)
        .put("data", decode(dataJson))
        .put("options", options.toJson())
        .put("state", state.wireName())
        .put("priority", priority)
        .put("attemptsStarted", attemptsStarted)
        .put("attemptsMade", attemptsMade)
        .put("stalls", stalls)
        .put("progress", decode(progressJson))
        .put("result", decode(resultJson))
        .put("failedReason", failedReason)
        .put("errors", new JsonArray(List.copyOf(errors)))
        .put("worker", worker)
        .put("createdAt", createdAt)
        .put("startedAt", startedAt)
        .put("finishedAt", finishedAt);
  }

  private static Object decode(String json) {
    return json == null ? null : Json.decodeValue(json);
  }
}
