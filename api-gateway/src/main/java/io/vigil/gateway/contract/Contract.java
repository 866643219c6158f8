package io.vigil.gateway.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vigil.gateway.auth.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The hand-written OpenAPI contract ({@code openapi.yaml}): served verbatim, and the source of every route, its
 * role ({@code x-vigil-role}) and its request validation. vertx-openapi 5.0.7 refuses response media types it
 * cannot validate (problem+json, event-stream, ...); only requests are validated, so the copy it gets lacks them.
 */
public record Contract(String yaml, OpenAPIContract openApi) {
  private static final String RESOURCE = "openapi.yaml";
  private static final String ROLE_EXTENSION = "x-vigil-role";

  public static Future<Contract> load(Vertx vertx) {
    return vertx.executeBlocking(Contract::readResource, false)
        .compose(text -> OpenAPIContract.from(vertx, forValidation(parse(text))).map(c -> new Contract(text, c)));
  }

  /** The role an operation needs, or null for a public one; a missing or unknown value is a contract bug. */
  public static Role roleOf(Operation operation) {
    Object value = operation.getExtensions().get(ROLE_EXTENSION);
    if ("public".equals(value)) {
      return null;
    }
    Role role = value instanceof String s ? Role.fromWire(s) : null;
    if (role == null) {
      throw new IllegalStateException("operation " + operation.getOperationId() + " needs " + ROLE_EXTENSION
          + ": public, read, submit or admin");
    }
    return role;
  }

  private static String readResource() throws IOException {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonObject parse(String text) {
    return (JsonObject) toJson(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
  }

  /** The parsed contract without the response media types vertx-openapi cannot model (changed in place). */
  static JsonObject forValidation(JsonObject doc) {
    strip(doc);
    return doc;
  }

  private static Object toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toJson(v)));
      return new JsonObject(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(toJson(v)));
      return new JsonArray(out);
    }
    return value;
  }

  private static void strip(Object node) {
    if (node instanceof JsonObject json) {
      if (json.getValue("responses") instanceof JsonObject responses) {
        for (String status : responses.fieldNames()) {
          if (responses.getValue(status) instanceof JsonObject response
              && response.getValue("content") instanceof JsonObject content) {
            new ArrayList<>(content.fieldNames()).stream().filter(type -> !MediaType.isMediaTypeSupported(type))
                .forEach(content::remove);
          }
        }
      }
      json.forEach(entry -> strip(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(Contract::strip);
    }
  }
}
