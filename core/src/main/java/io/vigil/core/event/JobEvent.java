package io.vigil.core.event;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** One lifecycle event from a queue's stream; {@code id} is a resume point (SSE Last-Event-ID). */
public record JobEvent(String id, String queue, String event, String jobId, long timestamp, Map<String, String> fields) {
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("queue", queue).put("event", event)
        .put("jobId", jobId).put("ts", timestamp);
    fields.forEach(json::put);
    return json;
  }
}
