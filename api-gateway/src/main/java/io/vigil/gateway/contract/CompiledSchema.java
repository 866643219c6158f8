package io.vigil.gateway.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A JSON schema from the contract (already dereferenced by vertx-openapi), turned once into checks that run
 * in microseconds. vertx-json-schema builds keyword locations and URLs at every step of every validation,
 * which cost the gateway most of its CPU per submission. Only the keywords the contract uses are compiled;
 * a schema with any other keyword keeps vertx-json-schema's validator (built once), so nothing in the
 * contract goes unchecked.
 */
final class CompiledSchema {
  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "example", "examples",
      "__absolute_uri__");
  private static final Set<String> KNOWN = Set.of("type", "properties", "required", "additionalProperties", "minimum",
      "maximum", "minLength", "maxLength", "pattern", "enum", "oneOf", "items", "minItems", "maxItems");
  private static final Set<Object> TYPES = Set.of("null", "boolean", "string", "object", "array", "number", "integer");

  private final Set<String> types;
  private final Map<String, CompiledSchema> properties = new LinkedHashMap<>();
  private final List<String> required;
  private final boolean closed;
  private final BigDecimal minimum;
  private final BigDecimal maximum;
  private final Integer minLength;
  private final Integer maxLength;
  private final Pattern pattern;
  private final List<Object> enumeration;
  private final List<CompiledSchema> oneOf = new ArrayList<>();
  private final CompiledSchema items;
  private final Integer minItems;
  private final Integer maxItems;

  /**
   * The check of one schema: null when a value conforms, else the reason with its location. Compiled when every
   * keyword in it is known, else vertx-json-schema's validator.
   */
  static Function<Object, String> of(JsonSchema schema, SchemaRepository repository) {
    if (schema instanceof JsonObject json && compilable(json)) {
      return new CompiledSchema(json)::problem;
    }
    Validator validator = repository.validator(schema);
    return value -> {
      OutputUnit result = validator.validate(value);
      try {
        result.checkValidity();
        return null;
      } catch (JsonSchemaValidationException e) {
        List<OutputUnit> errors = result.getErrors();
        OutputUnit last = errors == null || errors.isEmpty() ? null : errors.get(errors.size() - 1);
        return last == null ? e.getMessage() : last.getError() + " at " + last.getInstanceLocation();
      }
    };
  }

  static boolean compilable(Object node) {
    if (!(node instanceof JsonObject schema)) {
      return false;
    }
    for (String keyword : schema.fieldNames()) {
      if (!KNOWN.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
        return false;
      }
    }
    Object type = schema.getValue("type");
    List<Object> types = type instanceof JsonArray many ? many.getList() : type == null ? List.of() : List.of(type);
    Object additional = schema.getValue("additionalProperties");
    return TYPES.containsAll(types) && (additional == null || additional instanceof Boolean)
        && schema.getJsonObject("properties", new JsonObject()).stream().allMatch(e -> compilable(e.getValue()))
        && schema.getJsonArray("oneOf", new JsonArray()).stream().allMatch(CompiledSchema::compilable)
        && (!schema.containsKey("items") || compilable(schema.getValue("items")));
  }

  private CompiledSchema(JsonObject schema) {
    Object type = schema.getValue("type");
    types = type == null ? null : type instanceof JsonArray many ? Set.copyOf(many.stream().map(String::valueOf).toList())
        : Set.of(type.toString());
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    props.forEach(entry -> properties.put(entry.getKey(), new CompiledSchema((JsonObject) entry.getValue())));
    required = schema.getJsonArray("required", new JsonArray()).stream().map(String::valueOf).toList();
    closed = Boolean.FALSE.equals(schema.getValue("additionalProperties"));
    minimum = decimal(schema.getValue("minimum"));
    maximum = decimal(schema.getValue("maximum"));
    minLength = schema.getInteger("minLength");
    maxLength = schema.getInteger("maxLength");
    pattern = schema.containsKey("pattern") ? Pattern.compile(schema.getString("pattern")) : null;
    enumeration = schema.containsKey("enum") ? schema.getJsonArray("enum").getList() : null;
    schema.getJsonArray("oneOf", new JsonArray()).forEach(option -> oneOf.add(new CompiledSchema((JsonObject) option)));
    items = schema.containsKey("items") ? new CompiledSchema(schema.getJsonObject("items")) : null;
    minItems = schema.getInteger("minItems");
    maxItems = schema.getInteger("maxItems");
  }

  /** Null when {@code value} conforms, else the first reason with its location ({@code /options/attempts}). */
  String problem(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return problem(io.vertx.core.json.impl.JsonUtil.wrapJsonValue(value), "");
    }
    return problem(value, "");
  }

  private String problem(Object value, String at) {
    if (types != null && types.stream().noneMatch(t -> is(t, value))) {
      return "expected " + String.join(" or ", types) + " at " + where(at);
    }
    if (enumeration != null && !enumeration.contains(value)) {
      return "expected one of " + enumeration + " at " + where(at);
    }
    if (!oneOf.isEmpty()) {
      long matching = oneOf.stream().filter(option -> option.problem(value, at) == null).count();
      if (matching != 1) {
        return "expected exactly one of " + oneOf.size() + " forms to match, " + matching + " did, at " + where(at);
      }
    }
    if (value instanceof String s) {
      return text(s, at);
    }
    if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
      return range(n, at);
    }
    if (value instanceof JsonObject object) {
      return object(object, at);
    }
    if (value instanceof JsonArray array) {
      return array(array, at);
    }
    return null;
  }

  private String text(String s, String at) {
    int length = s.codePointCount(0, s.length());
    if (minLength != null && length < minLength || maxLength != null && length > maxLength) {
      return "length " + length + " outside " + (minLength == null ? 0 : minLength) + ".." + (maxLength == null ? "" : maxLength)
          + " at " + where(at);
    }
    if (pattern != null && !pattern.matcher(s).find()) {
      return "does not match " + pattern.pattern() + " at " + where(at);
    }
    return null;
  }

  private String range(Number n, String at) {
    if (minimum == null && maximum == null) {
      return null;
    }
    BigDecimal value = decimal(n);
    if (minimum != null && value.compareTo(minimum) < 0 || maximum != null && value.compareTo(maximum) > 0) {
      return value.toPlainString() + " outside " + (minimum == null ? "" : minimum.toPlainString()) + ".."
          + (maximum == null ? "" : maximum.toPlainString()) + " at " + where(at);
    }
    return null;
  }

  private String object(JsonObject object, String at) {
    for (String name : required) {
      if (!object.containsKey(name)) {
        return "required property '" + name + "' is missing at " + where(at);
      }
    }
    for (Map.Entry<String, Object> entry : object) {
      CompiledSchema property = properties.get(entry.getKey());
      if (property == null) {
        if (closed) {
          return "property '" + entry.getKey() + "' is not allowed at " + where(at);
        }
        continue;
      }
      String problem = property.problem(entry.getValue(), at + "/" + entry.getKey());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private String array(JsonArray array, String at) {
    if (minItems != null && array.size() < minItems || maxItems != null && array.size() > maxItems) {
      return array.size() + " items, outside " + (minItems == null ? 0 : minItems) + ".." + (maxItems == null ? "" : maxItems)
          + " at " + where(at);
    }
    for (int i = 0; items != null && i < array.size(); i++) {
      String problem = items.problem(array.getValue(i), at + "/" + i);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static boolean is(String type, Object value) {
    return switch (type) {
      case "null" -> value == null;
      case "boolean" -> value instanceof Boolean;
      case "string" -> value instanceof String;
      case "object" -> value instanceof JsonObject;
      case "array" -> value instanceof JsonArray;
      case "number" -> value instanceof Number;
      case "integer" -> value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
          || value instanceof BigInteger || value instanceof Number n && isWhole(n);
      default -> false;
    };
  }

  private static boolean isWhole(Number n) {
    if (n instanceof Double d) {
      return !d.isInfinite() && !d.isNaN() && d == Math.rint(d);
    }
    return n instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0;
  }

  private static BigDecimal decimal(Object n) {
    if (n == null) {
      return null;
    }
    return n instanceof BigDecimal b ? b : n instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(n.toString());
  }

  private static String where(String at) {
    return at.isEmpty() ? "/" : at;
  }
}
