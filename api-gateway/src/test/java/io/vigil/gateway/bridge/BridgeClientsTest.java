package io.vigil.gateway.bridge;

import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.FreePorts;
import io.vigil.topology.RedisNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service outside the cluster, in Node, on each bridge: submits a job and gets the reply, follows the job's
 * events to completion, and is refused with an error (not silence) for a bad token, a too-low role and an
 * address that is not permitted.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class BridgeClientsTest {

  @BeforeAll
  static void installClient() throws Exception {
    NodeBridgeClient.install();
  }

  @Test
  void theSockJsClientFromNpmSubmitsFollowsEventsAndIsRefusedLoudly(Vertx vertx, RedisNode redis) throws Exception {
    int port = FreePorts.next();
    GatewayFixture f = start(vertx, redis, Map.of("VIGIL_BRIDGE_SOCKJS", "true", "VIGIL_BRIDGE_SOCKJS_PORT", "" + port));

    assertConversation(f, "sockjs", port);
  }

  @Test
  void aTcpClientSubmitsFollowsEventsAndIsRefusedLoudly(Vertx vertx, RedisNode redis) throws Exception {
    int port = FreePorts.next();
    GatewayFixture f = start(vertx, redis, Map.of("VIGIL_BRIDGE_TCP", "true", "VIGIL_BRIDGE_TCP_PORT", "" + port));

    assertConversation(f, "tcp", port);
  }

  @Test
  void theTcpBridgeSpeaksTlsWithTheConfiguredCertificate(Vertx vertx, RedisNode redis) throws Exception {
    int port = FreePorts.next();
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    GatewayFixture f = start(vertx, redis, Map.of("VIGIL_BRIDGE_TCP", "true", "VIGIL_BRIDGE_TCP_PORT", "" + port,
        "VIGIL_BRIDGE_TLS_CERT", certificate.certificatePath(), "VIGIL_BRIDGE_TLS_KEY", certificate.privateKeyPath()));

    assertConversation(f, "tls", port);
  }

  private static GatewayFixture start(Vertx vertx, RedisNode redis, Map<String, String> bridge) {
    Map<String, String> env = new HashMap<>(bridge);
    env.put("VIGIL_EVENT_RELAY", "true");
    return GatewayFixture.start(vertx, redis, env, EngineSettings.defaults(GatewayFixture.PREFIX));
  }

  private static void assertConversation(GatewayFixture f, String mode, int port) throws Exception {
    String jobId = "bridged-" + mode;
    List<JsonObject> steps = NodeBridgeClient.run(List.of(mode, "127.0.0.1", "" + port, "outside", jobId, SUBMIT, READ),
        step -> {
          if ("submitted".equals(step.getString("step"))) {
            // A worker runs the job, so its events reach the client.
            FetchOutcome.Fetched fetched = (FetchOutcome.Fetched) f.engine.transitions().fetch("outside", "w1").await();
            f.engine.transitions().complete(fetched.lease(), "{\"ok\":true}", null).await();
          }
        });
    System.out.printf("bridge %s client steps: %s%n", mode, steps);

    JsonObject submitted = step(steps, "submitted").getJsonObject("reply").getJsonObject("body");
    assertThat(submitted.getInteger("status")).isEqualTo(201);
    assertThat(submitted.getJsonObject("job").getString("id")).isEqualTo(jobId);
    assertThat(f.engine.admin().getJob("outside", jobId).await().state().wireName()).isEqualTo("completed");
    assertRefused(step(steps, "bad-token"), 401, "UNAUTHORIZED");
    assertRefused(step(steps, "read-role"), 403, "FORBIDDEN");
    assertRefused(step(steps, "refused-address"), 403, "ADDRESS_NOT_PERMITTED");
    assertRefused(step(steps, "refused-register"), 403, "ADDRESS_NOT_PERMITTED");
    assertThat(step(steps, "done").getJsonArray("events").getList()).containsSubsequence("added", "active", "completed");
    assertThat(f.engine.admin().info("outside").await().counts().values().stream().mapToLong(Long::longValue).sum())
        .as("refused submissions wrote nothing").isEqualTo(1);
  }

  private static void assertRefused(JsonObject step, int status, String code) {
    JsonObject err = step.getJsonObject("reply").getJsonObject("err");
    assertThat(err).as(step.encode()).isNotNull();
    assertThat(err.getInteger("failureCode")).isEqualTo(status);
    assertThat(new JsonObject(err.getString("message")).getString("code")).isEqualTo(code);
  }

  private static JsonObject step(List<JsonObject> steps, String name) {
    return steps.stream().filter(s -> Objects.equals(name, s.getString("step"))).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + steps));
  }
}
