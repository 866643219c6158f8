package io.vigil.gateway.submit;

import io.vertx.core.json.JsonObject;

/** The answer to one submission: 201 with the new job, or 200 with the job that already had this id. */
public record SubmitResult(int status, JsonObject job) {
  public JsonObject toBusReply() {
    return new JsonObject().put("status", status).put("job", job);
  }
}
