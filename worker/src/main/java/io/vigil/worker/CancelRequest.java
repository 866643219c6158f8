package io.vigil.worker;

import io.vertx.core.json.JsonObject;
import io.vigil.core.keys.Names;
import java.util.Optional;

/**
 * A request, published on {@link WorkerVerticle#CANCEL_ADDRESS}, to stop a running job:
 * {@code {"queue", "jobId", "reason"?}}. Every worker gets it; the one running the job cancels it.
 */
public record CancelRequest(String queue, String jobId, String reason) {
  public static final String DEFAULT_REASON = "cancelled by request";
  private static final int MAX_REASON_LENGTH = 200;

  /** Empty when the body is not a well-formed request (it is then ignored). */
  public static Optional<CancelRequest> fromBody(Object body) {
    if (!(body instanceof JsonObject json)) {
      return Optional.empty();
    }
    Object queue = json.getValue("queue");
    Object jobId = json.getValue("jobId");
    Object reason = json.getValue("reason");
    if (!(queue instanceof String q) || !(jobId instanceof String id) || !Names.isValidId(q) || !Names.isValidId(id)) {
      return Optional.empty();
    }
    String why = reason instanceof String r && !r.isBlank() ? r.substring(0, Math.min(r.length(), MAX_REASON_LENGTH)) : DEFAULT_REASON;
    return Optional.of(new CancelRequest(q, id, why));
  }
}
