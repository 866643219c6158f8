package io.vigil.gateway.contract;

import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import java.util.function.Function;

/**
 * The JSON schema of one operation's request body, for bodies that do not arrive over HTTP (event-bus
 * submissions), so they are held to exactly the contract's rules.
 */
public record BodySchema(Function<Object, String> schema) {

  public static BodySchema of(Contract contract, String operationId) {
    Operation operation = contract.openApi().operation(operationId);
    MediaType json = operation.getRequestBody().getContent().get("application/json");
    return new BodySchema(CompiledSchema.of(json.getSchema(), contract.openApi().getSchemaRepository()));
  }

  /** Null when the value conforms, otherwise the reason with the failing location. */
  public String problem(Object value) {
    return schema.apply(value);
  }
}
