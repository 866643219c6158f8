package io.vigil.core.queue;

import io.vertx.core.json.JsonObject;
import io.vigil.core.job.JobState;
import java.util.Map;

/** Counts per state, the pause flag and the limits of one queue. */
public record QueueInfo(String name, Map<JobState, Long> counts, boolean paused, QueueLimits limits, long staleResults) {
  public JsonObject toJson() {
    JsonObject c = new JsonObject();
    for (JobState state : JobState.values()) {
      c.put(state.wireName(), counts.getOrDefault(state, 0L));
    }
    return new JsonObject().put("name", name).put("counts", c).put("paused", paused)
        .put("limits", limits.toJson()).put("staleResults", staleResults);
  }
}
