package io.vigil.core.queue;

import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;

/** Per-queue limits enforced by fetch across every worker (active at once, started per window); null: none. */
public record QueueLimits(Integer maxActive, Integer rateMax, Long rateWindowMs) {
  public static final QueueLimits NONE = new QueueLimits(null, null, null);

  public QueueLimits {
    if (maxActive != null && maxActive < 1) {
      throw new InvalidRequestException("maxActive must be >= 1");
    }
    if ((rateMax == null) != (rateWindowMs == null)) {
      throw new InvalidRequestException("rateMax and rateWindowMs go together");
    }
    if (rateMax != null && (rateMax < 1 || rateWindowMs < 1)) {
      throw new InvalidRequestException("rateMax and rateWindowMs must be >= 1");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("maxActive", maxActive).put("rateMax", rateMax).put("rateWindowMs", rateWindowMs);
  }
}
