package io.vigil.gateway.contract;

import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;

/**
 * The JSON schema of one operation's request body, for bodies that do not arrive over HTTP (event-bus
 * submissions), so they are held to exactly the contract's rules.
 */
public record BodySchema(Validator validator) {

  public static BodySchema of(Contract contract, String operationId) {
    Operation operation = contract.openApi().operation(operationId);
    MediaType json = operation.getRequestBody().getContent().get("application/json");
    return new BodySchema(contract.openApi().getSchemaRepository().validator(json.getSchema()));
  }

  /** Null when the value conforms, otherwise the reason with the failing location. */
  public String problem(Object value) {
    OutputUnit result = validator.validate(value);
    try {
      result.checkValidity();
      return null;
    } catch (JsonSchemaValidationException e) {
      OutputUnit last = result.getErrors() == null || result.getErrors().isEmpty() ? null
          : result.getErrors().get(result.getErrors().size() - 1);
      return last == null ? e.getMessage() : last.getError() + " at " + last.getInstanceLocation();
    }
  }
}
