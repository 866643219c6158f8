package io.vigil.gateway.contract;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a response a test received against the contract, as the requests are checked by the gateway.
 * 1. The operation is found by method and path; a request none matches must get the router's problem (404/405).
 *    A request line or headers over the HTTP codec's limits (414, 431) are answered before any route, so they
 *    may match no operation; their body is still checked as the contract's Problem.
 * 2. The status must be declared for the operation (or {@code default}) with the response's media type.
 * 3. JSON bodies, problem+json included, and declared headers go through vertx-openapi's ResponseValidator.
 *    vertx-openapi cannot model problem+json, so the copy it gets declares those bodies as application/json;
 *    text bodies (event stream, Markdown, HTML, Prometheus, YAML) are checked for status and media type only.
 */
public final class ContractResponses {
  private static final String PROBLEM = "application/problem+json";
  private static final String JSON = "application/json";
  /** Any operation whose {@code default} is the Problem response: unmatched requests are checked against it. */
  private static final String ANY_OPERATION = "getQueue";
  private final JsonObject raw;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private ContractResponses(JsonObject raw, OpenAPIContract contract, ResponseValidator validator) {
    this.raw = raw;
    this.contract = contract;
    this.validator = validator;
  }

  public static ContractResponses load(Vertx vertx) {
    Contract served = Contract.load(vertx).await();
    JsonObject raw = Contract.parse(served.yaml());
    JsonObject copy = raw.copy();
    problemsAsJson(copy);
    OpenAPIContract contract = OpenAPIContract.from(vertx, Contract.forValidation(copy)).await();
    return new ContractResponses(raw, contract, ResponseValidator.create(vertx, contract));
  }

  /** Throws an AssertionError naming the request when the response breaks the contract. */
  public void check(HttpMethod method, String uri, HttpResponse<Buffer> response) {
    boolean hasBody = response.body() != null && response.body().length() > 0;
    String path = uri.split("\\?", 2)[0];
    if (path.startsWith("/ui/")) {
      return; // the dashboard's static files are not API routes, so the contract does not describe them
    }
    Operation operation = contract.operations().stream()
        .filter(op -> op.getHttpMethod().equals(method) && path.matches(pathPattern(op.getOpenAPIPath())))
        .findFirst().orElse(null);
    String type = mediaType(response.getHeader("Content-Type"));
    String request = method + " " + (uri.length() > 200 ? uri.substring(0, 200) + "..." : uri) + " -> "
        + response.statusCode() + " " + type;
    if (operation == null) {
      require(List.of(404, 405, 414, 431).contains(response.statusCode()), request, "matches no operation");
    }
    String operationId = operation == null ? ANY_OPERATION : operation.getOperationId();
    if (hasBody) {
      require(declared(operationId, response.statusCode()).containsKey(type), request,
          "media type not declared for this status (declared: " + declared(operationId, response.statusCode()).fieldNames() + ")");
    }
    if (hasBody && !type.equals(JSON) && !type.equals(PROBLEM)) {
      return;
    }
    Map<String, String> headers = new HashMap<>();
    response.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    ValidatableResponse validatable = hasBody
        ? ValidatableResponse.create(response.statusCode(), headers, response.body(), JSON)
        : ValidatableResponse.create(response.statusCode(), headers);
    try {
      validator.validate(validatable, operationId).await();
    } catch (Exception e) {
      throw new AssertionError(request + " breaks the contract: " + e.getMessage() + "\nbody: "
          + (hasBody ? response.bodyAsString() : "(none)"), e);
    }
  }

  /** The content map the contract declares for this operation and status (or its default), refs resolved. */
  private JsonObject declared(String operationId, int status) {
    for (String path : raw.getJsonObject("paths").fieldNames()) {
      JsonObject item = raw.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && operationId.equals(op.getString("operationId"))) {
          JsonObject responses = op.getJsonObject("responses");
          Object response = responses.getValue(Integer.toString(status), responses.getValue("default"));
          JsonObject resolved = resolve((JsonObject) response);
          return resolved == null || resolved.getJsonObject("content") == null ? new JsonObject()
              : resolved.getJsonObject("content");
        }
      }
    }
    throw new IllegalStateException("no operation " + operationId);
  }

  private JsonObject resolve(JsonObject node) {
    if (node == null || !node.containsKey("$ref")) {
      return node;
    }
    JsonObject target = raw;
    for (String part : node.getString("$ref").substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return target;
  }

  private static void problemsAsJson(Object node) {
    if (node instanceof JsonObject json) {
      if (json.getValue("content") instanceof JsonObject content && content.containsKey(PROBLEM)
          && !content.containsKey(JSON)) {
        content.put(JSON, content.remove(PROBLEM));
      }
      json.forEach(entry -> problemsAsJson(entry.getValue()));
    } else if (node instanceof io.vertx.core.json.JsonArray array) {
      array.forEach(ContractResponses::problemsAsJson);
    }
  }

  private static String pathPattern(String openApiPath) {
    return openApiPath.replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+");
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static void require(boolean condition, String request, String why) {
    if (!condition) {
      throw new AssertionError(request + ": " + why);
    }
  }
}
