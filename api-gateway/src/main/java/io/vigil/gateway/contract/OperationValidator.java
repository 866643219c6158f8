package io.vigil.gateway.contract;

import static io.vertx.openapi.validation.ValidatorErrorType.INVALID_VALUE;
import static io.vertx.openapi.validation.ValidatorErrorType.MISSING_REQUIRED_PARAMETER;
import static io.vertx.openapi.validation.ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT;

import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One contract operation's request validation, compiled once at start: a {@link CompiledSchema} per parameter
 * and per body media type. vertx-openapi's RequestValidator (5.0.7) builds a new validator, copying the
 * contract's whole schema lookup, for every parameter and body of every request, hops to a worker thread each
 * time, and its validator itself builds URLs at every keyword; this makes the same checks (parameter styles,
 * content analysis and error types are vertx-openapi's) on the caller's thread.
 */
final class OperationValidator {
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = Map.of(Style.SIMPLE, new SimpleTransformer(),
      Style.LABEL, new LabelTransformer(), Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer());

  private record Compiled(Parameter parameter, ParameterTransformer transformer, Function<Object, String> schema) {
  }

  private final RequestBody requestBody;
  private final List<Compiled> parameters = new ArrayList<>();
  /** Validator per body media type; a media type without a schema (or a plain binary one) has none. */
  private final Map<MediaType, Function<Object, String>> bodies = new IdentityHashMap<>();

  OperationValidator(SchemaRepository schemas, Operation operation) {
    this.requestBody = operation.getRequestBody();
    for (Parameter parameter : operation.getParameters()) {
      parameters.add(new Compiled(parameter, TRANSFORMERS.get(parameter.getStyle()), CompiledSchema.of(parameter.getSchema(), schemas)));
    }
    if (requestBody != null) {
      for (MediaType type : requestBody.getContent().values()) {
        if (needsSchemaValidation(type)) {
          bodies.put(type, CompiledSchema.of(type.getSchema(), schemas));
        }
      }
    }
  }

  /** Throws {@link ValidatorException} (its subtypes name the parameter or the body) for a request that does not conform. */
  ValidatedRequest validate(ValidatableRequest request) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Compiled compiled : parameters) {
      String name = compiled.parameter().getName();
      switch (compiled.parameter().getIn()) {
        case COOKIE -> cookies.put(name, parameter(compiled, request.getCookies().get(name)));
        case HEADER -> headers.put(name, parameter(compiled, request.getHeaders().get(name)));
        case PATH -> path.put(name, parameter(compiled, request.getPathParameters().get(name)));
        case QUERY -> query.put(name, parameter(compiled, request.getQuery().get(name)));
      }
    }
    return new ValidatedRequestImpl(cookies, headers, path, query, body(request));
  }

  private static RequestParameter parameter(Compiled compiled, RequestParameter value) {
    Parameter parameter = compiled.parameter();
    if (value == null || value.isNull()) {
      if (parameter.isRequired()) {
        throw ValidatorException.createMissingRequiredParameter(parameter);
      }
      return new RequestParameterImpl(null);
    }
    if (compiled.transformer() == null) {
      throw ValidatorException.createUnsupportedValueFormat(parameter);
    }
    Object transformed = compiled.transformer().transform(parameter, String.valueOf(value.get()));
    String problem = compiled.schema().apply(transformed);
    if (problem != null) {
      throw new ValidatorException("The value of " + parameter.getIn().name().toLowerCase(Locale.ROOT) + " parameter "
          + parameter.getName() + " is invalid. Reason: " + problem, INVALID_VALUE);
    }
    return new RequestParameterImpl(transformed);
  }

  private RequestParameter body(ValidatableRequest request) {
    if (requestBody == null) {
      return new RequestParameterImpl(null);
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (requestBody.isRequired()) {
        throw new ValidatorException("The related request does not contain the required body.", MISSING_REQUIRED_PARAMETER);
      }
      return new RequestParameterImpl(null);
    }
    MediaType type = requestBody.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser = type == null ? null
        : ContentAnalyser.getContentAnalyser(type, request.getContentType(), content, ValidationContext.REQUEST);
    if (analyser == null) {
      throw new ValidatorException("The format of the " + ValidationContext.REQUEST + " body is not supported",
          UNSUPPORTED_VALUE_FORMAT);
    }
    analyser.checkSyntacticalCorrectness();
    Function<Object, String> schema = bodies.get(type);
    if (schema == null) {
      return new RequestParameterImpl(content);
    }
    Object value = analyser.transform();
    String problem = schema.apply(value);
    if (problem != null) {
      throw new ValidatorException("The value of the request body is invalid. Reason: " + problem, INVALID_VALUE);
    }
    return new RequestParameterImpl(value);
  }

  /** vertx-openapi's rule: no schema, or a bare binary string, is taken as it is. */
  private static boolean needsSchemaValidation(MediaType type) {
    if (type.getSchema() == null) {
      return false;
    }
    String kind = type.getSchema().get("type");
    String format = type.getSchema().get("format");
    return !("string".equalsIgnoreCase(kind) && "binary".equalsIgnoreCase(format) && type.getSchema().fieldNames().size() == 2);
  }
}
