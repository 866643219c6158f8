package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.Operation;
import io.vigil.gateway.auth.Role;
import io.vigil.gateway.contract.Contract;
import io.vigil.gateway.http.ApiRouter;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class ContractTest {
  private static final Set<String> SUBMIT_OPERATIONS = Set.of("submitJob", "submitJobs");

  @Test
  void everyRouteOfTheRouterIsAContractOperationAndEveryOperationARoute(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    Contract contract = Contract.load(vertx).await();
    Router router = ApiRouter.build(vertx, f.settings, f.services, contract);

    Set<String> routed = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null) {
        continue; // the catch-all failure route: it answers problems, it serves no operation
      }
      Object operation = route.getMetadata(ApiRouter.OPERATION);
      assertThat(operation).as(route.getPath()).isNotNull();
      route.methods().forEach(m -> routed.add(m.name() + " " + route.getPath()));
    }
    Set<String> declared = new TreeSet<>();
    for (Operation op : contract.openApi().operations()) {
      declared.add(op.getHttpMethod().name() + " " + op.getOpenAPIPath().replaceAll("\\{([^}]+)}", ":$1"));
    }

    assertThat(routed).isEqualTo(declared);
    assertThat(declared).hasSize(32);
  }

  @Test
  void everyOperationDeclaresTheRoleTheIssueAssignsIt(Vertx vertx) {
    Contract contract = Contract.load(vertx).await();

    for (Operation op : contract.openApi().operations()) {
      Role role = Contract.roleOf(op);
      boolean health = op.getOpenAPIPath().startsWith("/health") || op.getOpenAPIPath().equals("/metrics")
          || op.getOpenAPIPath().equals("/openapi.yaml");
      Role expected = health ? null : switch (op.getHttpMethod().name()) {
        case "GET" -> Role.READ;
        default -> SUBMIT_OPERATIONS.contains(op.getOperationId()) ? Role.SUBMIT : Role.ADMIN;
      };
      assertThat(role).as(op.getOperationId()).isEqualTo(expected);
      assertThat(op.getSecurityRequirements().isEmpty()).as(op.getOperationId() + " security").isEqualTo(role == null);
    }
  }

  @Test
  void operationsServedByOtherModulesRunBehindTheSameAccessAndValidation(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);

    HttpResponse<Buffer> report = f.get("/api/v1/reports/job-7?format=html", GatewayFixture.READ);
    HttpResponse<Buffer> latest = f.get("/api/v1/projects/acme/reports/latest", GatewayFixture.READ);

    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.bodyAsJsonObject().getString("jobId")).isEqualTo("job-7");
    assertThat(latest.bodyAsJsonObject().getString("projectId")).isEqualTo("acme");
    assertThat(f.get("/api/v1/reports/job-7", null).statusCode()).isEqualTo(401);
    assertThat(f.get("/api/v1/reports/a:b", GatewayFixture.READ).statusCode()).isEqualTo(400);
    assertThat(f.get("/api/v1/reports/job-7?format=pdf", GatewayFixture.READ).statusCode()).isEqualTo(400);
  }

  @Test
  void theServedContractIsTheResourceVerbatim(Vertx vertx, RedisNode redis) throws Exception {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    String resource;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
      resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    HttpResponse<Buffer> served = f.get("/openapi.yaml", null);

    assertThat(served.getHeader("Content-Type")).isEqualTo("application/yaml");
    assertThat(served.bodyAsString()).isEqualTo(resource);
  }

  @Test
  void bodiesTheContractDoesNotDescribeAreRefusedWithTheReason(Vertx vertx, RedisNode redis) {
    GatewayFixture f = GatewayFixture.start(vertx, redis);
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(new JsonObject().put("name", "n"));
    }

    HttpResponse<Buffer> unknown = f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n").put("nmae", 1));
    HttpResponse<Buffer> missing = f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("data", 1));
    HttpResponse<Buffer> empty = f.post("/api/v1/queues/q/jobs/bulk", SUBMIT, new JsonObject().put("jobs", new JsonArray()));
    HttpResponse<Buffer> bulk = f.post("/api/v1/queues/q/jobs/bulk", SUBMIT, new JsonObject().put("jobs", tooMany));
    HttpResponse<Buffer> nested = f.post("/api/v1/queues/q/jobs", SUBMIT, new JsonObject().put("name", "n")
        .put("options", new JsonObject().put("backoff", new JsonObject().put("type", "fixed").put("extra", 1))));

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("body");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(bulk.statusCode()).isEqualTo(400);
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(nested.bodyAsJsonObject().getString("detail")).contains("options");
    assertThat(f.dbSize()).isZero();
  }
}
