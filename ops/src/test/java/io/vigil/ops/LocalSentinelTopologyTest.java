package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ops.local.LocalSentinelTopology;
import io.vigil.ops.local.LocalTopologySettings;
import io.vigil.ops.resp.Credentials;
import io.vigil.ops.resp.Endpoint;
import io.vigil.ops.resp.RespConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalSentinelTopologyTest {

  @Test
  void localTopologyComesBackWithItsDataPasswordsAndMasterAfterARestart() throws Exception {
    Path dir = OpsFixtures.folder("local");
    String appPassword;
    int masterAfterFailover;
    OpsFixtures.Run health;
    try (LocalSentinelTopology first = LocalSentinelTopology.start(LocalTopologySettings.builder(dir).build())) {
      health = OpsFixtures.run(HealthCommand::new, first.environment());
      Endpoint master = Endpoint.parse(first.masterAddress(), "master");
      try (RespConnection app = RespConnection.open(master, new Credentials(first.appUser(), first.appPassword()),
          Duration.ofSeconds(5))) {
        app.command("SET", "vigil:kept", "across restarts");
        assertThat(app.command("WAIT", "2", "5000")).isEqualTo(2L);
      }
      // The master role moves to another node before the topology stops.
      try (RespConnection sentinel = RespConnection.open(Endpoint.parse(first.sentinelAddresses().get(0), "sentinel"),
          new Credentials(null, first.sentinelPassword()), Duration.ofSeconds(5))) {
        sentinel.command("SENTINEL", "FAILOVER", first.masterName());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (first.masterAddress().equals(master.toString()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      masterAfterFailover = first.dataNodeAddresses().indexOf(first.masterAddress());
      appPassword = first.appPassword();
      assertThat(masterAfterFailover).isNotEqualTo(first.dataNodeAddresses().indexOf(master.toString()));
    }

    try (LocalSentinelTopology second = LocalSentinelTopology.start(LocalTopologySettings.builder(dir).build())) {
      Endpoint master = Endpoint.parse(second.masterAddress(), "master");
      try (RespConnection app = RespConnection.open(master, new Credentials(second.appUser(), second.appPassword()),
          Duration.ofSeconds(5))) {
        assertThat(health.exit()).as(health.toString()).isZero();
        assertThat(second.appPassword()).isEqualTo(appPassword).hasSize(32);
        assertThat(second.dataNodeAddresses().indexOf(second.masterAddress())).isEqualTo(masterAfterFailover);
        assertThat(app.command("GET", "vigil:kept")).isEqualTo("across restarts");
        assertThat(Files.readString(dir.resolve("node-0").resolve("redis.conf"))).contains("appendonly yes");
      }
    }
  }
}
