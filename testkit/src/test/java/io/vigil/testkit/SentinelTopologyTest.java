package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each test starts its own topology, so a failover test that fails midway cannot break the next one. */
class SentinelTopologyTest {

  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(20);

  @Test
  void startedTopologyHasOneMasterTwoLinkedReplicasAndThreeAgreeingSentinels() {
    try (SentinelTopology topology = SentinelTopology.start(SentinelTopologyConfig.defaults())) {
      RedisServer master = topology.currentMaster();

      assertThat(topology.masterName()).isEqualTo("mymaster");
      assertThat(topology.dataNodes()).hasSize(3).contains(master);
      assertThat(topology.dataNodes()).extracting(RedisServer::role)
          .containsExactlyInAnyOrder("master", "slave", "slave");
      assertThat(topology.sentinels()).hasSize(3).allMatch(SentinelProcess::isRunning);
      assertThat(topology.sentinelAddresses()).allMatch(a -> a.matches("127\\.0\\.0\\.1:\\d+"));
      for (SentinelProcess sentinel : topology.sentinels()) {
        assertThat(sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"))
            .isEqualTo(List.of("127.0.0.1", String.valueOf(master.port())));
      }
      master.command("SET", "k", "v");
      assertThat(master.command("WAIT", "2", "2000")).isEqualTo(2L);
    }
  }

  @Test
  void crashMasterPromotesReplicaAndRestartedNodeRejoinsAsReplica() {
    try (SentinelTopology topology = SentinelTopology.start(SentinelTopologyConfig.builder().dataPassword("pw").build())) {
      RedisServer before = topology.currentMaster();
      before.command("SET", "acknowledged", "1");
      assertThat(before.command("WAIT", "2", "2000")).isEqualTo(2L);

      long crashedAt = System.nanoTime();
      RedisServer crashed = topology.crashMaster();
      RedisServer promoted = topology.awaitNewMaster(crashed, FAILOVER_TIMEOUT);
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
    try (SentinelTopology topology = SentinelTopology.start(SentinelTopologyConfig.defaults())) {
      RedisServer old = topology.currentMaster();

      topology.failover();
      RedisServer promoted = topology.awaitNewMaster(old, FAILOVER_TIMEOUT);
      topology.awaitHealthy(HEALTHY_TIMEOUT);

      assertThat(promoted).isNotSameAs(old);
      assertThat(promoted.role()).isEqualTo("master");
      assertThat(old.isRunning()).isTrue();
      assertThat(old.role()).isEqualTo("slave");
    }
  }

  @Test
  void fiveFailoversInARowAlternatingCrashAndManualKeepTheTopologyUsable() {
    try (SentinelTopology topology = SentinelTopology.start(SentinelTopologyConfig.defaults())) {
      for (int round = 1; round <= 5; round++) {
        boolean crash = round % 2 == 1;
        RedisServer old = topology.currentMaster();
        old.command("SET", "round", Integer.toString(round));
        assertThat(old.command("WAIT", "2", "2000")).isEqualTo(2L);

        long startedAt = System.nanoTime();
        if (crash) {
          topology.crashMaster();
        } else {
          topology.failover();
        }
        RedisServer promoted = topology.awaitNewMaster(old, FAILOVER_TIMEOUT);
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
    SentinelTopologyConfig config = SentinelTopologyConfig.builder().masterName("queue-master")
        .dataPassword("data-pw").sentinelPassword("sentinel-pw")
        .sentinelConfig("user app on >app-pw allcommands allkeys allchannels")
        .dataNodeConfig("maxmemory 20mb").build();
    try (SentinelTopology topology = SentinelTopology.start(config)) {
      SentinelProcess sentinel = topology.sentinels().get(0);
      RedisServer master = topology.currentMaster();

      try (RespClient anonymous = RespClient.connect(sentinel.host(), sentinel.port())) {
        assertThatThrownBy(() -> anonymous.command("SENTINEL", "MASTERS"))
            .isInstanceOfSatisfying(RedisErrorReply.class, e -> assertThat(e.code()).isEqualTo("NOAUTH"));
      }
      try (RespClient app = RespClient.connect(sentinel.host(), sentinel.port(), "app", "app-pw", Duration.ofSeconds(2))) {
        assertThat(app.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "queue-master"))
            .isEqualTo(List.of("127.0.0.1", String.valueOf(master.port())));
      }
      try (RespClient anonymous = RespClient.connect(master.host(), master.port())) {
        assertThatThrownBy(() -> anonymous.command("GET", "k")).isInstanceOf(RedisErrorReply.class);
      }
      assertThat(master.command("CONFIG", "GET", "maxmemory")).isEqualTo(List.of("maxmemory", "20971520"));
      assertThat(config.toString()).doesNotContain("data-pw", "sentinel-pw", "app-pw");
    }
  }

  @Test
  void killedSentinelIsToleratedAndRejoinsAfterRestart() {
    try (SentinelTopology topology = SentinelTopology.start(SentinelTopologyConfig.defaults())) {
      SentinelProcess sentinel = topology.sentinels().get(2);
      int port = sentinel.port();

      sentinel.kill9();
      topology.awaitHealthy(HEALTHY_TIMEOUT);
      assertThat(sentinel.isRunning()).isFalse();

      sentinel.restart();
      topology.awaitHealthy(HEALTHY_TIMEOUT);

      assertThat(sentinel.port()).isEqualTo(port);
      assertThat(((List<?>) sentinel.command("SENTINEL", "SENTINELS", "mymaster"))).hasSize(2);
    }
  }
}
