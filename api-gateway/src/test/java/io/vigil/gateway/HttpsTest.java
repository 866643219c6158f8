package io.vigil.gateway;

import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.settings.SettingsException;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.TestCertificates;
import io.vigil.testkit.TestDirectories;
import io.vigil.topology.RedisNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** VIGIL_TLS_CERT / VIGIL_TLS_KEY: the gateway serves HTTPS only, to clients that verify its chain and name. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class HttpsTest {

  private static WebClient verifying(Vertx vertx, Path ca) {
    return WebClient.create(vertx, new WebClientOptions().setSsl(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
  }

  private static GatewayFixture httpsGateway(Vertx vertx, RedisNode redis, TestCertificates.Issued cert) {
    return GatewayFixture.start(vertx, redis, Map.of("VIGIL_TLS_CERT", cert.cert().toString(),
        "VIGIL_TLS_KEY", cert.key().toString()), EngineSettings.defaults(GatewayFixture.PREFIX));
  }

  @Test
  void aClientThatVerifiesTheChainSubmitsOverHttps(Vertx vertx, RedisNode redis) {
    TestCertificates ca = TestCertificates.authority(TestDirectories.create("https"), "api");
    GatewayFixture f = httpsGateway(vertx, redis, ca.issue("gateway"));

    HttpResponse<Buffer> created = verifying(vertx, ca.caFile()).post(f.port, "localhost", "/api/v1/queues/q/jobs")
        .bearerTokenAuthentication(SUBMIT).sendJsonObject(new JsonObject().put("name", "n").put("jobId", "tls-1"))
        .await();

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("id")).isEqualTo("tls-1");
  }

  @Test
  void aGatewayWithACertificateFromAnotherCaOrForAnotherNameIsRefusedByTheClient(Vertx vertx, RedisNode redis) {
    Path dir = TestDirectories.create("https-refused");
    TestCertificates ca = TestCertificates.authority(dir, "api");
    TestCertificates stranger = TestCertificates.authority(dir, "stranger");
    GatewayFixture f = httpsGateway(vertx, redis, ca.issue("gateway", List.of("gateway.elsewhere.example")));

    // Name mismatch: a trusted CA, but the certificate is for another host.
    assertThatThrownBy(() -> verifying(vertx, ca.caFile()).get(f.port, "localhost", "/health/live").send().await())
        .hasStackTraceContaining("No subject alternative DNS name matching localhost");
    // Chain: the client does not trust the CA that signed the server's certificate.
    assertThatThrownBy(() -> verifying(vertx, stranger.caFile()).get(f.port, "localhost", "/health/live").send()
        .await()).hasStackTraceContaining("PKIX path building failed");
    assertThat(f.stateKeyCount()).isZero();
  }

  @Test
  void plainHttpToTheHttpsPortGetsNoAnswer(Vertx vertx, RedisNode redis) {
    TestCertificates ca = TestCertificates.authority(TestDirectories.create("https-plain"), "api");
    GatewayFixture f = httpsGateway(vertx, redis, ca.issue("gateway"));
    NetClient net = vertx.createNetClient();
    NetSocket socket = net.connect(f.port, "127.0.0.1").await();
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    socket.write("POST /api/v1/queues/q/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SUBMIT
        + "\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"name\":\"n\"}\n");

    closed.future().timeout(10, TimeUnit.SECONDS).await();

    assertThat(received.toString()).doesNotContain("HTTP/1.1");
    assertThat(f.stateKeyCount()).isZero();
  }

  @Test
  void halfATlsPairOrAFileThatIsNotPemStopsTheStart() {
    Path dir = TestDirectories.create("https-settings");
    TestCertificates.Issued cert = TestCertificates.authority(dir, "api").issue("gateway");
    Map<String, String> base = Map.of("VIGIL_API_TOKENS", GatewayFixture.TOKENS);

    assertThatThrownBy(() -> GatewaySettings.fromEnv(with(base, "VIGIL_TLS_CERT", cert.cert().toString())))
        .isInstanceOf(SettingsException.class).hasMessage("VIGIL_TLS_KEY: must be set with VIGIL_TLS_CERT");
    assertThatThrownBy(() -> GatewaySettings.fromEnv(with(with(base, "VIGIL_TLS_CERT", cert.key().toString()),
        "VIGIL_TLS_KEY", cert.key().toString())))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_TLS_CERT: ");
    assertThatThrownBy(() -> GatewaySettings.fromEnv(with(with(base, "VIGIL_TLS_CERT", cert.cert().toString()),
        "VIGIL_TLS_KEY", cert.cert().toString())))
        .isInstanceOf(SettingsException.class).hasMessageEndingWith("is not a PEM private key");
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}
