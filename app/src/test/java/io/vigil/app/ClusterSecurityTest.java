package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vigil.settings.SettingsException;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.TestCertificates;
import io.vigil.testkit.TestDirectories;
import io.vigil.topology.FreePorts;
import io.vigil.topology.RedisNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster is closed: a gateway JVM with a cluster secret and mutual TLS on the event bus, listening on
 * 127.0.0.1 only. A member with the wrong secret cannot join; one with the secret but no certificate, or
 * a certificate from another CA, joins Hazelcast but cannot deliver a message; a member with both still
 * needs a submit token, as over REST. No refused attempt creates a job.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSecurityTest {
  private static final String SECRET = "cluster-secret-0123456789abcdef";
  private static final String TOKEN = "bus-submit-token-0123456789";
  private static final String READ_TOKEN = "bus-read-token-0123456789";
  private final List<Integer> hazelcastPorts = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next(),
      FreePorts.next(), FreePorts.next());
  private final int eventBusPort = FreePorts.next();
  private final List<Vertx> members = new ArrayList<>();
  private TestCertificates ca;
  private TestCertificates stranger;
  private VigilNode gateway;
  private RedisNode redis;

  @BeforeAll
  void startGateway(RedisNode redis) {
    this.redis = redis;
    redis.flushAll();
    Path dir = TestDirectories.create("cluster-security");
    ca = TestCertificates.authority(dir, "cluster");
    stranger = TestCertificates.authority(dir, "stranger");
    TestCertificates.Issued cert = ca.issue("gateway");
    Map<String, String> env = new HashMap<>(Map.of("REDIS_HOST", redis.host(), "REDIS_PORT",
        Integer.toString(redis.port()), "REDIS_QUEUE_PREFIX", "vs", "VIGIL_API_TOKENS",
        "bus:" + TOKEN + ":submit,reader:" + READ_TOKEN + ":read", "VIGIL_HTTP_PORT", "0",
        "VIGIL_GATEWAY_INSTANCES", "1", "VIGIL_CLUSTER_MEMBERS", memberList(), "VIGIL_CLUSTER_HOST", "127.0.0.1",
        "VIGIL_CLUSTER_PORT", Integer.toString(hazelcastPorts.get(0))));
    env.putAll(Map.of("VIGIL_EVENTBUS_PORT", Integer.toString(eventBusPort), "VIGIL_CLUSTER_SECRET", SECRET,
        "VIGIL_CLUSTER_TLS_CERT", cert.cert().toString(), "VIGIL_CLUSTER_TLS_KEY", cert.key().toString(),
        "VIGIL_CLUSTER_TLS_CA", ca.caFile().toString(), "VIGIL_EVENT_RELAY", "false"));
    gateway = VigilNode.start(NodeSettings.fromEnv(Set.of(Role.GATEWAY), env)).await();
  }

  @AfterAll
  void stop() {
    members.forEach(m -> m.close().await());
    if (gateway != null) {
      gateway.stop().await();
    }
  }

  private String memberList() {
    return String.join(",", hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  private Vertx member(int index, String secret, TestCertificates issuer) {
    EventBusTls tls = EventBusTls.OFF;
    if (issuer != null) {
      TestCertificates.Issued cert = issuer.issue("member-" + index);
      tls = new EventBusTls(cert.cert().toString(), cert.key().toString(), ca.caFile().toString());
    }
    Vertx vertx = VertxFactory.create(new ClusterSettings(List.of(memberList().split(",")), "127.0.0.1",
        hazelcastPorts.get(index), 0, "vigil", secret, tls)).await();
    members.add(vertx);
    return vertx;
  }

  private static int clusterSize(Vertx vertx) {
    return ((VertxInternal) vertx).clusterManager().getNodes().size();
  }

  private static Throwable submit(Vertx from, String jobId, String token) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(5_000);
    if (token != null) {
      options.addHeader("authorization", "Bearer " + token);
    }
    JsonObject body = new JsonObject().put("queue", "q").put("name", "echo").put("jobId", jobId);
    return from.eventBus().request("vigil.jobs.submit", body, options).map(m -> (Throwable) null)
        .otherwise(e -> e).await();
  }

  private boolean jobExists(String id) {
    return !((List<?>) redis.command("KEYS", "vs:{q}:job:" + id)).isEmpty();
  }

  @Test
  void hazelcastAndTheEventBusListenOnTheChosenInterfaceOnly() {
    // 127.0.0.2 is this host too (all of 127/8 is loopback): a wildcard bind would accept there.
    assertThat(refused("127.0.0.2", hazelcastPorts.get(0))).isTrue();
    assertThat(refused("127.0.0.2", eventBusPort)).isTrue();
    assertThat(refused("127.0.0.1", hazelcastPorts.get(0))).isFalse();
  }

  @Test
  void aMemberWithoutTheSecretCannotJoinAndFindsNoSubmitHandler() {
    Vertx intruder = member(1, "another-secret-0123456789abc", ca);

    Throwable failure = submit(intruder, "wrong-secret", TOKEN);

    assertThat(clusterSize(intruder)).isEqualTo(1);
    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
    assertThat(jobExists("wrong-secret")).isFalse();
  }

  @Test
  void aMemberWithTheSecretButWithoutATrustedCertificateCannotSendOrReceive() throws Exception {
    Vertx plaintext = member(2, SECRET, null);
    Vertx strangerCert = member(3, SECRET, stranger);
    List<Object> intercepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    plaintext.eventBus().consumer("vigil.jobs.events", m -> intercepted.add(m.body())).completion().await();
    strangerCert.eventBus().consumer("vigil.jobs.events", m -> intercepted.add(m.body())).completion().await();

    Throwable fromPlaintext = submit(plaintext, "no-cert", TOKEN);
    Throwable fromStranger = submit(strangerCert, "stranger-cert", TOKEN);
    for (int i = 0; i < 5; i++) {
      gateway.vertx().eventBus().publish("vigil.jobs.events", new JsonObject().put("event", "added").put("n", i));
    }
    // Delivery to a member is asynchronous; give a leak time to show.
    Thread.sleep(2_000);

    // The secret let them into Hazelcast: TLS is what keeps them off the bus.
    assertThat(clusterSize(gateway.vertx())).isGreaterThanOrEqualTo(3);
    assertThat(intercepted).isEmpty();
    assertThat(fromPlaintext).isInstanceOf(ReplyException.class);
    assertThat(fromStranger).isInstanceOf(ReplyException.class);
    assertThat(jobExists("no-cert")).isFalse();
    assertThat(jobExists("stranger-cert")).isFalse();
    plaintext.close().await();
    strangerCert.close().await();
    members.remove(plaintext);
    members.remove(strangerCert);
  }

  @Test
  void aMemberWithSecretAndCertificateStillNeedsASubmitToken() {
    Vertx trusted = member(4, SECRET, ca);

    Throwable anonymous = submit(trusted, "no-token", null);
    Throwable reader = submit(trusted, "read-token", READ_TOKEN);
    Throwable submitter = submit(trusted, "with-token", TOKEN);

    assertThat(((ReplyException) anonymous).failureCode()).isEqualTo(401);
    assertThat(((ReplyException) reader).failureCode()).isEqualTo(403);
    assertThat(submitter).isNull();
    assertThat(jobExists("no-token")).isFalse();
    assertThat(jobExists("read-token")).isFalse();
    assertThat(jobExists("with-token")).isTrue();
  }

  @Test
  void aClusterWithoutASecretOrWithHalfTheTlsFilesDoesNotStart() {
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_MEMBERS", "127.0.0.1:5701")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_CLUSTER_SECRET: must be set");
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_MEMBERS", "127.0.0.1:5701",
        "VIGIL_CLUSTER_SECRET", "short")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_CLUSTER_SECRET: ");
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_MEMBERS", "127.0.0.1:5701",
        "VIGIL_CLUSTER_SECRET", SECRET, "VIGIL_CLUSTER_TLS_CA", ca.caFile().toString())))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_CLUSTER_TLS_CERT: ");
    assertThat(ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_MEMBERS", "127.0.0.1:5701",
        "VIGIL_CLUSTER_SECRET", SECRET)).toString()).doesNotContain(SECRET);
  }

  private static boolean refused(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      throw new IllegalStateException("neither accepted nor refused: " + e, e);
    }
  }
}
