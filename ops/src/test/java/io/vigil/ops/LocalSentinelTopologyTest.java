package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.Credentials;
import io.vigil.resp.RespConnection;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.LocalCredentials;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The topology as {@code ./vigil dev} runs it: production timers, generated passwords, a kept folder. */
class LocalSentinelTopologyTest {

  private static SentinelTopology start(Path dir) {
    return SentinelTopology.start(ProcessBackend.local(), dir,
        TopologySpec.shipped().withSecrets(LocalCredentials.loadOrCreate(dir, "vigil")));
  }

  @Test
  void localTopologyComesBackWithItsDataPasswordsAndMasterAfterARestart() throws Exception {
    Path dir = OpsFixtures.folder("local");
    String appPassword;
    String masterAfterFailover;
    OpsFixtures.Run health;
    try (SentinelTopology first = start(dir)) {
      health = OpsFixtures.run(HealthCommand::new, ClientEnvironment.of(first));
      RedisNode master = first.currentMaster();
      try (RespConnection app = RespConnection.open(master.endpoint(), appAuth(first))) {
        app.command("SET", "vigil:kept", "across restarts");
        assertThat(app.command("WAIT", "2", "5000")).isEqualTo(2L);
      }
      // The master role moves to another node before the topology stops.
      first.failover();
      masterAfterFailover = first.awaitNewMaster(master, Duration.ofSeconds(30)).name();
      appPassword = first.secrets().appPassword();
      assertThat(masterAfterFailover).isNotEqualTo(master.name());
    }

    try (SentinelTopology second = start(dir)) {
      RedisNode master = second.currentMaster();
      try (RespConnection app = RespConnection.open(master.endpoint(), appAuth(second))) {
        assertThat(health.exit()).as(health.toString()).isZero();
        assertThat(second.secrets().appPassword()).isEqualTo(appPassword).hasSize(32);
        assertThat(master.name()).isEqualTo(masterAfterFailover);
        assertThat(app.command("GET", "vigil:kept")).isEqualTo("across restarts");
        assertThat(Files.readString(dir.resolve("master").resolve("redis.conf"))).contains("appendonly yes");
      }
    }
  }

  private static Credentials appAuth(SentinelTopology topology) {
    return new Credentials(topology.secrets().appUser(), topology.secrets().appPassword());
  }
}
