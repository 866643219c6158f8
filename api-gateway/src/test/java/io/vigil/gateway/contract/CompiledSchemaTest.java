package io.vigil.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled checks accept and refuse exactly what vertx-json-schema does, on the contract's own submission schemas. */
class CompiledSchemaTest {
  private static Vertx vertx;
  private static Contract contract;

  @BeforeAll
  static void loadContract() {
    vertx = Vertx.vertx();
    contract = Contract.load(vertx).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static final List<String> VALID_JOBS = List.of(
      "{\"name\":\"n\"}",
      "{\"name\":\"echo\",\"data\":{\"p\":\"x\"},\"options\":{\"removeOnComplete\":true}}",
      "{\"name\":\"n\",\"data\":[1,null,\"a\"],\"jobId\":\"a.b-c_1\"}",
      "{\"name\":\"n\",\"options\":{\"attempts\":3,\"backoff\":{\"type\":\"fixed\",\"delayMs\":0,\"jitter\":0.5},"
          + "\"delayMs\":31536000000,\"priority\":2097151,\"timeoutMs\":1,\"removeOnComplete\":-1,"
          + "\"removeOnFail\":{\"count\":5,\"ageMs\":10}}}",
      "{\"name\":\"n\",\"options\":{\"removeOnFail\":false}}");

  private static final List<String> INVALID_JOBS = List.of(
      "{}", "[]", "\"text\"", "null", "{\"name\":5}", "{\"name\":\"\"}", "{\"name\":\"a\\u0001b\"}",
      "{\"name\":\"n\",\"nmae\":1}",
      "{\"name\":\"n\",\"options\":{\"attempts\":0}}",
      "{\"name\":\"n\",\"options\":{\"attempts\":1001}}",
      "{\"name\":\"n\",\"options\":{\"attempts\":1.5}}",
      "{\"name\":\"n\",\"options\":{\"backoff\":{\"type\":\"linear\"}}}",
      "{\"name\":\"n\",\"options\":{\"backoff\":{\"type\":\"fixed\",\"extra\":1}}}",
      "{\"name\":\"n\",\"options\":{\"backoff\":{\"jitter\":1.01}}}",
      "{\"name\":\"n\",\"options\":{\"delayMs\":31536000001}}",
      "{\"name\":\"n\",\"options\":{\"removeOnComplete\":\"yes\"}}",
      "{\"name\":\"n\",\"options\":{\"removeOnComplete\":{\"count\":-2}}}",
      "{\"name\":\"n\",\"options\":{\"removeOnComplete\":{\"age\":1}}}",
      "{\"name\":\"n\",\"jobId\":\"a:b\"}",
      "{\"name\":\"n\",\"jobId\":\"" + "x".repeat(129) + "\"}",
      "{\"name\":\"n\",\"jobId\":\"-starts-with-dash\"}");

  @Test
  void singleSubmissionsAreJudgedAsVertxJsonSchemaJudgesThem() {
    JsonSchema schema = bodySchema("submitJob");
    assertThat(CompiledSchemaTest.compiled(schema)).isTrue();
    Function<Object, String> compiled = CompiledSchema.of(schema, repository());
    Validator reference = repository().validator(schema);
    for (String body : VALID_JOBS) {
      assertThat(compiled.apply(Json.decodeValue(body))).as(body).isNull();
      assertThat(valid(reference, body)).as(body).isTrue();
    }
    for (String body : INVALID_JOBS) {
      assertThat(compiled.apply(Json.decodeValue(body))).as(body).isNotNull();
      assertThat(valid(reference, body)).as(body).isFalse();
    }
  }

  @Test
  void bulksAreJudgedAsVertxJsonSchemaJudgesThem() {
    JsonSchema schema = bodySchema("submitJobs");
    assertThat(CompiledSchemaTest.compiled(schema)).isTrue();
    Function<Object, String> compiled = CompiledSchema.of(schema, repository());
    Validator reference = repository().validator(schema);
    String thousand = "{\"jobs\":[" + String.join(",", java.util.Collections.nCopies(1000, "{\"name\":\"n\"}")) + "]}";
    String tooMany = "{\"jobs\":[" + String.join(",", java.util.Collections.nCopies(1001, "{\"name\":\"n\"}")) + "]}";
    for (String body : List.of(thousand, "{\"jobs\":[{\"name\":\"a\"},{\"name\":\"b\",\"options\":{\"priority\":0}}]}")) {
      assertThat(compiled.apply(Json.decodeValue(body))).isNull();
      assertThat(valid(reference, body)).isTrue();
    }
    for (String body : List.of(tooMany, "{\"jobs\":[]}", "{}", "{\"jobs\":[{\"name\":\"a\"},{\"nme\":\"b\"}]}",
        "{\"jobs\":[{\"name\":\"a\"}],\"more\":1}")) {
      String problem = compiled.apply(Json.decodeValue(body));
      assertThat(problem).as(body).isNotNull();
      assertThat(valid(reference, body)).as(body).isFalse();
    }
    assertThat(compiled.apply(Json.decodeValue("{\"jobs\":[{\"name\":\"a\"},{\"name\":\"b\",\"options\":{\"attempts\":0}}]}")))
        .isEqualTo("0 outside 1..1000 at /jobs/1/options/attempts");
  }

  private static boolean compiled(JsonSchema schema) {
    return schema instanceof JsonObject json && CompiledSchema.compilable(json);
  }

  private static boolean valid(Validator validator, String body) {
    OutputUnit result = validator.validate(Json.decodeValue(body));
    return result.getValid();
  }

  private static JsonSchema bodySchema(String operationId) {
    return contract.openApi().operation(operationId).getRequestBody().getContent().get("application/json").getSchema();
  }

  private static SchemaRepository repository() {
    return contract.openApi().getSchemaRepository();
  }
}
