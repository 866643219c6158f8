package io.vigil.gateway.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The response check refuses what breaks the contract, so the gateway tests that use it can fail. */
class ContractResponsesTest {
  private Vertx vertx;
  private HttpServer server;
  private WebClient client;
  private ContractResponses contract;

  @BeforeEach
  void serveCannedAnswers() {
    vertx = Vertx.vertx();
    // The path names the answer: /api/v1/queues/<case>.
    server = vertx.createHttpServer().requestHandler(req -> {
      String kase = req.path().substring(req.path().lastIndexOf('/') + 1);
      switch (kase) {
        case "good" -> req.response().putHeader("Content-Type", "application/json")
            .end("{\"name\":\"good\",\"paused\":false,\"counts\":{\"waiting\":1}}");
        case "wrong-type" -> req.response().putHeader("Content-Type", "application/json")
            .end("{\"name\":\"x\",\"paused\":\"yes\"}");
        case "problem" -> req.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
            .end("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"NOT_FOUND\"}");
        case "bad-problem" -> req.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
            .end("{\"title\":\"Not Found\",\"status\":\"404\"}");
        case "plain-error" -> req.response().setStatusCode(500).putHeader("Content-Type", "text/plain").end("boom");
        default -> req.response().setStatusCode(404).end();
      }
    });
    server.listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx);
    contract = ContractResponses.load(vertx);
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private HttpResponse<Buffer> get(String path) {
    return client.get(server.actualPort(), "127.0.0.1", path).send().await();
  }

  private void check(String path) {
    contract.check(HttpMethod.GET, path, get(path));
  }

  @Test
  void acceptsAnswersTheContractDeclares() {
    assertThatCode(() -> check("/api/v1/queues/good")).doesNotThrowAnyException();
    assertThatCode(() -> check("/api/v1/queues/problem")).doesNotThrowAnyException();
  }

  @Test
  void refusesWrongTypesMissingProblemFieldsUndeclaredMediaTypesAndUnknownRoutes() {
    assertThatThrownBy(() -> check("/api/v1/queues/wrong-type")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("breaks the contract");
    assertThatThrownBy(() -> check("/api/v1/queues/bad-problem")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("breaks the contract");
    assertThatThrownBy(() -> check("/api/v1/queues/plain-error")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("media type not declared");
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, "/nowhere/good", get("/api/v1/queues/good")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("matches no operation");
  }
}
