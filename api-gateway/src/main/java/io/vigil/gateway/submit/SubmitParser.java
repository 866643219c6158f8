package io.vigil.gateway.submit;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import java.util.Set;

/**
 * Turns a submission body {@code {"name", "data", "jobId"?, "options"?}} into a {@link NewJob}, with the
 * same rules as the contract's NewJob schema. REST bodies have passed the schema already; event-bus
 * bodies have not, so this is where they are held to the same rules.
 */
public final class SubmitParser {
  private static final Set<String> FIELDS = Set.of("name", "data", "jobId", "options");

  private SubmitParser() {}

  public static NewJob parse(JsonObject body) {
    if (body == null) {
      throw new InvalidRequestException("the body must be a JSON object {name, data, jobId?, options?}");
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidRequestException(field + " is not a known field; known: " + FIELDS);
      }
    }
    Object name = body.getValue("name");
    if (!(name instanceof String nameText)) {
      throw new InvalidRequestException("name must be a string");
    }
    // Present means typed: an explicit null is refused, as the contract's schema refuses it.
    Object jobId = body.getValue("jobId");
    if (body.containsKey("jobId") && !(jobId instanceof String)) {
      throw new InvalidRequestException("jobId must be a string");
    }
    Object options = body.getValue("options");
    if (body.containsKey("options") && !(options instanceof JsonObject)) {
      throw new InvalidRequestException("options must be an object");
    }
    return new NewJob((String) jobId, nameText, Json.encode(body.getValue("data")),
        JobOptions.fromJson((JsonObject) options));
  }
}
