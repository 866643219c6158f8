package io.vigil.gateway.http;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One refusal in RFC 9457 form, shared by HTTP responses and event-bus failure replies; {@code extensions} are
 * further body members (e.g. the job ids of an unconfirmed submission).
 */
public record Problem(int status, String code, String title, String detail, int retryAfterSeconds,
                      JsonObject extensions) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    extensions = extensions == null ? new JsonObject() : extensions.copy();
  }

  public Problem(int status, String code, String title, String detail, int retryAfterSeconds) {
    this(status, code, title, detail, retryAfterSeconds, null);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", "urn:vigil:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'))
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("code", code)
        .mergeIn(extensions);
  }
}
