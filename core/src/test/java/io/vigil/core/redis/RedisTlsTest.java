package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.settings.SettingsException;
import io.vigil.testkit.TestCertificates;
import io.vigil.testkit.TestDirectories;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.FreePorts;
import io.vigil.topology.NodeKind;
import io.vigil.topology.NodeSpec;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import io.vigil.resp.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS to Redis and Sentinel ({@code rediss}) against a real TLS redis-server and redis-sentinel, with
 * certificates made here: the broker verifies the chain and the name, so a server with a certificate from
 * another CA or for another name is refused, as is plain text on a TLS port.
 */
@ExtendWith(VertxExtension.class)
class RedisTlsTest {
  private static TestCertificates ca;
  private static TestCertificates otherCa;
  private static TestCertificates.Issued serverCert;
  private static RedisNode redis;
  private static RedisNode sentinel;
  private static int redisTlsPort;
  private static int sentinelTlsPort;

  @BeforeAll
  static void startTlsRedisAndSentinel() {
    Path dir = TestDirectories.create("redis-tls");
    ca = TestCertificates.authority(dir.resolve("certs"), "vigil-test");
    otherCa = TestCertificates.authority(dir.resolve("certs"), "stranger");
    serverCert = ca.issue("redis");
    redisTlsPort = FreePorts.next();
    redis = TestTopologies.server(RedisServerConfig.named("redis-tls")
        .withConfig(tlsLines(redisTlsPort, serverCert).toArray(String[]::new)));
    sentinelTlsPort = FreePorts.next();
    Path sentinelDir = dir.resolve("sentinel");
    List<String> sentinelConf = new java.util.ArrayList<>(tlsLines(sentinelTlsPort, serverCert));
    // The Sentinel monitors the master over TLS, so the master address it announces is the TLS port.
    sentinelConf.addAll(List.of("tls-replication yes", "sentinel monitor mymaster 127.0.0.1 " + redisTlsPort + " 1",
        "dir " + RedisServerConfig.quote(sentinelDir.toString())));
    sentinel = RedisNode.start(ProcessBackend.local(), new NodeSpec("sentinel-tls", NodeKind.SENTINEL, 0, sentinelDir,
        port -> "bind 127.0.0.1\nport " + port + "\n" + String.join("\n", sentinelConf) + "\n",
        Credentials.NONE, Duration.ofSeconds(20), List.of()));
  }

  @AfterAll
  static void stop() {
    if (sentinel != null) {
      sentinel.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static List<String> tlsLines(int tlsPort, TestCertificates.Issued cert) {
    return List.of("tls-port " + tlsPort, "tls-cert-file " + cert.cert(), "tls-key-file " + cert.key(),
        "tls-ca-cert-file " + ca.caFile(), "tls-auth-clients optional");
  }

  /** Generous timeouts: the first TLS handshake of a JVM can take seconds here, and a refusal must be a TLS one. */
  private static Map<String, String> standaloneTls(Path caFile) {
    Map<String, String> env = new HashMap<>(Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT",
        Integer.toString(redisTlsPort), "REDIS_TLS", "true", "REDIS_CONNECT_TIMEOUT", "15000",
        "REDIS_COMMAND_TIMEOUT", "20000"));
    if (caFile != null) {
      env.put("REDIS_TLS_CA_FILE", caFile.toString());
    }
    return env;
  }

  private static String setAndGet(Vertx vertx, Map<String, String> env) {
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(env)).await();
    try {
      broker.send(Request.cmd(Command.SET).arg("vigil:tls-probe").arg("over-tls")).await();
      return broker.send(Request.cmd(Command.GET).arg("vigil:tls-probe")).await().toString();
    } finally {
      broker.close().await();
    }
  }

  @Test
  void aBrokerTrustingTheCaTalksToATlsRedis(Vertx vertx) {
    assertThat(setAndGet(vertx, standaloneTls(ca.caFile()))).isEqualTo("over-tls");
  }

  @Test
  void aServerWhoseCertificateComesFromAnotherCaIsRefused(Vertx vertx) {
    assertThatThrownBy(() -> setAndGet(vertx, standaloneTls(otherCa.caFile())))
        .isInstanceOf(RedisUnavailableException.class).hasMessageContaining("SSL");
    // The JVM's own trust store does not know the test CA either.
    assertThatThrownBy(() -> setAndGet(vertx, standaloneTls(null)))
        .isInstanceOf(RedisUnavailableException.class).hasMessageContaining("SSL");
  }

  @Test
  void aServerWhoseCertificateNamesAnotherHostIsRefused(Vertx vertx) {
    TestCertificates.Issued elsewhere = ca.issue("elsewhere", List.of("redis.elsewhere.example"));
    redis.command("CONFIG", "SET", "tls-cert-file", elsewhere.cert().toString(), "tls-key-file",
        elsewhere.key().toString());
    try {
      assertThatThrownBy(() -> setAndGet(vertx, standaloneTls(ca.caFile())))
          .isInstanceOf(RedisUnavailableException.class).hasMessageContaining("SSL");
    } finally {
      redis.command("CONFIG", "SET", "tls-cert-file", serverCert.cert().toString(), "tls-key-file",
          serverCert.key().toString());
    }
  }

  @Test
  void plainTextToTheTlsPortIsRefused(Vertx vertx) {
    Map<String, String> env = standaloneTls(ca.caFile());
    env.put("REDIS_TLS", "false");
    env.remove("REDIS_TLS_CA_FILE");
    assertThatThrownBy(() -> setAndGet(vertx, env)).isInstanceOf(RedisUnavailableException.class);
  }

  @Test
  void theMasterIsFoundThroughATlsSentinelAndReachedOverTls(Vertx vertx) {
    Map<String, String> env = Map.of("REDIS_SENTINELS", "127.0.0.1:" + sentinelTlsPort, "REDIS_TLS", "true",
        "REDIS_TLS_CA_FILE", ca.caFile().toString(), "REDIS_MIN_REPLICA_ACKS", "0", "REDIS_CONNECT_TIMEOUT", "15000",
        "REDIS_COMMAND_TIMEOUT", "20000");
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(env)).await();
    try {
      assertThat(broker.send(Request.cmd(Command.PING)).await().toString()).isEqualTo("PONG");
      assertThat(broker.status().master()).isEqualTo(new RedisAddress("127.0.0.1", redisTlsPort));
    } finally {
      broker.close().await();
    }
    Map<String, String> untrusted = new HashMap<>(env);
    untrusted.put("REDIS_TLS_CA_FILE", otherCa.caFile().toString());
    assertThatThrownBy(() -> RedisConnector.connect(vertx, RedisSettings.fromEnv(untrusted)).await())
        .isInstanceOf(RedisUnavailableException.class).hasMessageContaining("SSL");
  }

  @Test
  void badTlsFilesStopTheStartNamingTheSetting() {
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("REDIS_TLS", "true", "REDIS_TLS_CA_FILE", "/no/such/ca.pem")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("REDIS_TLS_CA_FILE: cannot read /no/such/ca.pem");
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("REDIS_TLS_CA_FILE", serverCert.key().toString())))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("REDIS_TLS_CA_FILE: ");
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("REDIS_TLS_CERT", serverCert.cert().toString())))
        .isInstanceOf(SettingsException.class).hasMessage("REDIS_TLS_KEY: must be set with REDIS_TLS_CERT");
  }
}
