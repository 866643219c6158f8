package io.vigil.gateway.http;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One refusal in RFC 9457 form, shared by HTTP responses and event-bus failure replies.
 *
 * @param retryAfterSeconds sent as Retry-After when positive
 */
public record Problem(int status, String code, String title, String detail, int retryAfterSeconds) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", "urn:vigil:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'))
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("code", code);
  }
}
