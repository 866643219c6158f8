package io.vigil.worker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One live worker (verticle instance) as registered in Redis and shown by GET /api/v1/workers;
 * {@code concurrency} is per queue, {@code activeJobs} as of its last heartbeat.
 */
public record WorkerInfo(String id, String host, long pid, List<String> queues, int concurrency, int activeJobs,
                         long startedAt, long lastHeartbeatAt) {
  public WorkerInfo {
    queues = List.copyOf(queues);
  }

  public WorkerInfo withHeartbeat(long at) {
    return new WorkerInfo(id, host, pid, queues, concurrency, activeJobs, startedAt, at);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("host", host).put("pid", pid).put("queues", new JsonArray(queues))
        .put("concurrency", concurrency).put("activeJobs", activeJobs).put("startedAt", startedAt)
        .put("lastHeartbeatAt", lastHeartbeatAt);
  }

  public static WorkerInfo fromJson(JsonObject json) {
    return new WorkerInfo(json.getString("id"), json.getString("host"), json.getLong("pid"),
        json.getJsonArray("queues").stream().map(String::valueOf).toList(), json.getInteger("concurrency"),
        json.getInteger("activeJobs"), json.getLong("startedAt"), json.getLong("lastHeartbeatAt"));
  }
}
