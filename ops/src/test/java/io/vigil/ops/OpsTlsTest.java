package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.Credentials;
import io.vigil.testkit.TestCertificates;
import io.vigil.testkit.TestDirectories;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.FreePorts;
import io.vigil.topology.NodeKind;
import io.vigil.topology.NodeSpec;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ops commands over TLS, with the roles' settings (REDIS_TLS, REDIS_SENTINEL_TLS, REDIS_TLS_CA_FILE), against a
 * real TLS redis-server and redis-sentinel: the chain and the name are verified, so a stranger CA is refused.
 */
class OpsTlsTest {
  private static TestCertificates ca;
  private static TestCertificates otherCa;
  private static RedisNode redis;
  private static RedisNode sentinel;
  private static int redisTlsPort;
  private static int sentinelTlsPort;

  @BeforeAll
  static void startTlsRedisAndSentinel() {
    Path dir = TestDirectories.create("ops-tls");
    ca = TestCertificates.authority(dir.resolve("certs"), "vigil-test");
    otherCa = TestCertificates.authority(dir.resolve("certs"), "stranger");
    TestCertificates.Issued serverCert = ca.issue("redis");
    redisTlsPort = FreePorts.next();
    redis = TestTopologies.server(RedisServerConfig.named("ops-redis-tls")
        .withConfig(tlsLines(redisTlsPort, serverCert).toArray(String[]::new)));
    sentinelTlsPort = FreePorts.next();
    Path sentinelDir = dir.resolve("sentinel");
    List<String> sentinelConf = new ArrayList<>(tlsLines(sentinelTlsPort, serverCert));
    sentinelConf.addAll(List.of("tls-replication yes", "sentinel monitor mymaster 127.0.0.1 " + redisTlsPort + " 1",
        "dir " + RedisServerConfig.quote(sentinelDir.toString())));
    sentinel = RedisNode.start(ProcessBackend.local(), new NodeSpec("ops-sentinel-tls", NodeKind.SENTINEL, 0, sentinelDir,
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

  /** The Sentinel's and the master's TLS ports only; generous timeouts for a first handshake on a busy machine. */
  private static Map<String, String> env(Path caFile) {
    return new HashMap<>(Map.of("REDIS_SENTINELS", "127.0.0.1:" + sentinelTlsPort, "REDIS_TLS", "true",
        "REDIS_TLS_CA_FILE", caFile.toString(), "REDIS_CONNECT_TIMEOUT", "15000"));
  }

  @Test
  void healthFindsAndChecksTheMasterThroughATlsSentinel() {
    OpsFixtures.Run run = OpsFixtures.run(HealthCommand::new, env(ca.caFile()));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(HealthCommandTest.verdicts(run)).containsExactly("PASS sentinels", "PASS ping", "PASS role", "PASS quorum");
    assertThat(run.out()).contains("master mymaster is 127.0.0.1:" + redisTlsPort);
  }

  @Test
  void aStrangerCaOrPlainTextIsRefused() {
    OpsFixtures.Run stranger = OpsFixtures.run(HealthCommand::new, env(otherCa.caFile()));
    assertThat(stranger.exit()).as(stranger.toString()).isEqualTo(1);
    assertThat(HealthCommandTest.verdicts(stranger)).startsWith("FAIL sentinels");

    Map<String, String> plain = env(ca.caFile());
    plain.put("REDIS_TLS", "false");
    OpsFixtures.Run refused = OpsFixtures.run(HealthCommand::new, plain);
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
  }

  @Test
  void doctorReachesTheSentinelAndTheNodesOverTls() {
    OpsFixtures.Run run = OpsFixtures.run(DoctorCommand::new, env(ca.caFile()));

    // This test deployment has no passwords: the doctor says so, which it can only learn over a working TLS link.
    assertThat(run.out()).as(run.toString()).contains("answers SENTINEL MASTERS without a password")
        .doesNotContain("unreachable");
    assertThat(HealthCommandTest.verdicts(run)).contains("PASS quorum");
  }
}
