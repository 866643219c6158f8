package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.resp.Credentials;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import io.vigil.sentinelconfig.Secrets;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each test starts its own topology, so a failover test that fails midway cannot break the next one. */
class SentinelTopologyTest {

  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void startedTopologyHasOneMasterTwoLinkedReplicasAndThreeAgreeingSentinels() {
    try (SentinelTopology topology = TestTopologies.sentinel(TestTopologies.spec())) {
      RedisNode master = topology.currentMaster();

      assertThat(topology.masterName()).isEqualTo("mymaster");
      assertThat(master).isSameAs(topology.node("master"));
      assertThat(topology.dataNodes()).extracting(RedisNode::name).containsExactly("master", "replica-1", "replica-2");
      assertThat(topology.sentinels()).extracting(RedisNode::name)
          .containsExactly("sentinel-1", "sentinel-2", "sentinel-3");
      assertThat(topology.dataNodes()).hasSize(3).contains(master);
      assertThat(topology.dataNodes()).extracting(RedisNode::role)
          .containsExactlyInAnyOrder("master", "slave", "slave");
      assertThat(topology.sentinels()).hasSize(3).allMatch(RedisNode::isRunning);
      assertThat(topology.sentinelAddresses()).allMatch(a -> a.matches("127\\.0\\.0\\.1:\\d+"));
      for (RedisNode sentinel : topology.sentinels()) {
        assertThat(sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"))
            .isEqualTo(List.of("127.0.0.1", String.valueOf(master.port())));
      }
      master.command("SET", "k", "v");
      assertThat(master.command("WAIT", "2", "2000")).isEqualTo(2L);
    }
  }

  @Test
  void crashMasterPromotesReplicaAndRestartedNodeRejoinsAsReplica() {
    try (SentinelTopology topology = TestTopologies.sentinel(TestTopologies.spec().withPasswords("pw", null))) {
      RedisNode before = topology.currentMaster();
      before.command("SET", "acknowledged", "1");
      assertThat(before.command("WAIT", "2", "2000")).isEqualTo(2L);

      long crashedAt = System.nanoTime();
      RedisNode crashed = topology.crashMaster();
      RedisNode promoted = topology.awaitNewMaster(crashed, FAILOVER_TIMEOUT);
      System.out.printf("crash failover took ms=%d%n", (System.nanoTime() - crashedAt) / 1_000_000);

      assertThat(crashed).isSameAs(before);
      assertThat(crashed.isRunning()).isFalse();
      assertThat(promoted).isNotSameAs(crashed);
      assertThat(promoted.role()).isEqualTo("master");
      assertThat(promoted.command("GET", "acknowledged")).isEqualTo("1");

      crashed.restart();
      topology.awaitHealthy(HEALTHY_TIMEOUT);

      assertThat(topology.currentMaster()).isSameAs(promoted);
      assertThat(crashed.role()).isEqualTo("slave");
      assertThat(crashed.command("GET", "acknowledged")).isEqualTo("1");
    }
  }

  @Test
  void manualFailoverMovesMasterRole() {
    try (SentinelTopology topology = TestTopologies.sentinel(TestTopologies.spec())) {
      RedisNode old = topology.currentMaster();

      topology.failover();
      RedisNode promoted = topology.awaitNewMaster(old, FAILOVER_TIMEOUT);
      topology.awaitHealthy(HEALTHY_TIMEOUT);

      assertThat(promoted).isNotSameAs(old);
      assertThat(promoted.role()).isEqualTo("master");
      assertThat(old.isRunning()).isTrue();
      assertThat(old.role()).isEqualTo("slave");
    }
  }

  @Test
  void fiveFailoversInARowAlternatingCrashAndManualKeepTheTopologyUsable() {
    try (SentinelTopology topology = TestTopologies.sentinel(TestTopologies.spec())) {
      for (int round = 1; round <= 5; round++) {
        boolean crash = round % 2 == 1;
        RedisNode old = topology.currentMaster();
        old.command("SET", "round", Integer.toString(round));
        assertThat(old.command("WAIT", "2", "2000")).isEqualTo(2L);

        long startedAt = System.nanoTime();
        if (crash) {
          topology.crashMaster();
        } else {
          topology.failover();
        }
        RedisNode promoted = topology.awaitNewMaster(old, FAILOVER_TIMEOUT);
        long failoverMs = (System.nanoTime() - startedAt) / 1_000_000;
        if (crash) {
          old.restart();
        }
        topology.awaitHealthy(HEALTHY_TIMEOUT);
        System.out.printf("round=%d kind=%s failoverMs=%d healthyMs=%d%n", round, crash ? "crash" : "manual",
            failoverMs, (System.nanoTime() - startedAt) / 1_000_000);

        assertThat(promoted).isNotSameAs(old);
        assertThat(promoted.command("GET", "round")).isEqualTo(Integer.toString(round));
        assertThat(old.role()).isEqualTo("slave");
      }
    }
  }

  @Test
  void passwordsProtectDataNodesAndSentinelsAndAclUsersFromConfigWork() {
    TopologySpec config = new TopologySpec("queue-master", Secrets.none(), "vigil", 1000, true, false,
        List.of("maxmemory 20mb"), List.of("user app on >app-pw allcommands allkeys allchannels"))
        .withPasswords("data-pw", "sentinel-pw");
    try (SentinelTopology topology = TestTopologies.sentinel(config)) {
      RedisNode sentinel = topology.sentinels().get(0);
      RedisNode master = topology.currentMaster();

      try (RespConnection anonymous = RespConnection.open(sentinel.endpoint(), Credentials.NONE)) {
        assertThatThrownBy(() -> anonymous.command("SENTINEL", "MASTERS"))
            .isInstanceOfSatisfying(RespError.class, e -> assertThat(e.code()).isEqualTo("NOAUTH"));
      }
      try (RespConnection app = RespConnection.open(sentinel.endpoint(), new Credentials("app", "app-pw"), Duration.ofSeconds(2))) {
        assertThat(app.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "queue-master"))
            .isEqualTo(List.of("127.0.0.1", String.valueOf(master.port())));
      }
      try (RespConnection anonymous = RespConnection.open(master.endpoint(), Credentials.NONE)) {
        assertThatThrownBy(() -> anonymous.command("GET", "k")).isInstanceOf(RespError.class);
      }
      assertThat(master.command("CONFIG", "GET", "maxmemory")).isEqualTo(List.of("maxmemory", "20971520"));
      assertThat(config.toString()).doesNotContain("data-pw", "sentinel-pw", "app-pw");
    }
  }

  @Test
  void frozenMasterIsFailedOverAndRejoinsAsReplicaOnceThawed() {
    try (SentinelTopology topology = TestTopologies.sentinel(TestTopologies.spec())) {
      RedisNode old = topology.node("master");

      long frozenAt = System.nanoTime();
      old.freeze();
      RedisNode promoted = topology.awaitNewMaster(old, FAILOVER_TIMEOUT);
      System.out.printf("freeze failover took ms=%d%n", (System.nanoTime() - frozenAt) / 1_000_000);
      old.thaw();
      topology.awaitHealthy(HEALTHY_TIMEOUT);

      assertThat(promoted.name()).isIn("replica-1", "replica-2");
      assertThat(old.isRunning()).isTrue();
      assertThat(old.role()).isEqualTo("slave");
      assertThatThrownBy(old::isolate).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("process backend");
    }
  }

  @Test
  void killedSentinelIsToleratedAndRejoinsAfterRestart() {
    try (SentinelTopology topology = TestTopologies.sentinel(TestTopologies.spec())) {
      RedisNode sentinel = topology.sentinels().get(2);
      int port = sentinel.port();

      sentinel.kill();
      topology.awaitHealthy(HEALTHY_TIMEOUT);
      assertThat(sentinel.isRunning()).isFalse();

      sentinel.restart();
      topology.awaitHealthy(HEALTHY_TIMEOUT);

      assertThat(sentinel.port()).isEqualTo(port);
      assertThat(((List<?>) sentinel.command("SENTINEL", "SENTINELS", "mymaster"))).hasSize(2);
    }
  }
}
