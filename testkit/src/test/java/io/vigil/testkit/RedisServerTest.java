package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.resp.Credentials;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerTest {

  @Test
  void standaloneServerAnswersPingAndStopsOnClose() {
    RedisNode server;
    try (RedisNode started = TestTopologies.server(RedisServerConfig.named("ping"))) {
      server = started;
      assertThat(server.command("PING")).isEqualTo("PONG");
      assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port());
      assertThat(server.role()).isEqualTo("master");
      assertThat(server.directory()).startsWith(Path.of("target", "redis-test").toAbsolutePath());
      assertThat(server.directory().getFileName().toString()).startsWith("ping-");
      assertThat(server.logFile()).exists();
      assertThat(server.directory().resolve("redis.conf")).exists();
      assertThat(server.isRunning()).isTrue();
    }
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(() -> server.command("PING")).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void passwordAndExtraConfigLinesAreApplied() {
    RedisServerConfig config = RedisServerConfig.named("redis").withPassword("s3cret").withConfig("maxmemory 10mb");
    try (RedisNode server = TestTopologies.server(config);
        RespConnection anonymous = RespConnection.open(server.endpoint(), Credentials.NONE)) {
      assertThatThrownBy(() -> anonymous.command("GET", "k"))
          .isInstanceOfSatisfying(RespError.class, e -> assertThat(e.code()).isEqualTo("NOAUTH"));
      assertThat(server.command("CONFIG", "GET", "maxmemory")).isEqualTo(List.of("maxmemory", "10485760"));
      assertThat(server.command("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
      assertThat(config.toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void killedServerRestartsOnTheSamePortWithItsDataWhenPersistenceIsOn() {
    try (RedisNode server = TestTopologies.server(RedisServerConfig.named("redis").withPersistence(true))) {
      int port = server.port();
      server.command("SET", "survivor", "yes");

      server.kill();
      assertThat(server.isRunning()).isFalse();
      server.restart();

      assertThat(server.port()).isEqualTo(port);
      assertThat(server.command("GET", "survivor")).isEqualTo("yes");
    }
  }

  @Test
  void stoppedServerRestartsEmptyWhenPersistenceIsOff() {
    try (RedisNode server = TestTopologies.server(RedisServerConfig.named("redis"))) {
      server.command("SET", "gone", "soon");

      server.stop();
      server.restart();

      assertThat(server.command("GET", "gone")).isNull();
      assertThat(server.command("DBSIZE")).isEqualTo(0L);
    }
  }

  @Test
  void replicaOfConfigMakesAnAuthenticatedReplicaThatFollowsTheMaster() throws Exception {
    RedisServerConfig masterConfig = RedisServerConfig.named("master").withPassword("pw");
    try (RedisNode master = TestTopologies.server(masterConfig);
        RedisNode replica = TestTopologies.server(RedisServerConfig.named("replica").withPassword("pw")
            .withConfig("replicaof " + master.host() + " " + master.port(), "masterauth pw"))) {
      await("the replica's link").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> "up".equals(replica.info("replication", "master_link_status")));
      master.command("SET", "k", "v");
      assertThat(master.command("WAIT", "1", "2000")).isEqualTo(1L);

      assertThat(replica.role()).isEqualTo("slave");
      assertThat(replica.command("GET", "k")).isEqualTo("v");
    }
  }

  @Test
  void takenFixedPortFailsWithTheLogInTheMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      RedisServerConfig config = RedisServerConfig.named("redis").withPort(taken.getLocalPort());

      assertThatThrownBy(() -> TestTopologies.server(config))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Address already in use");
    }
  }

  @Test
  void missingBinaryFailsWithClearMessage() throws Exception {
    long foldersBefore = folderCount();
    System.setProperty("REDIS_SERVER_BIN", "/nonexistent/redis-server");
    try {
      assertThatThrownBy(() -> TestTopologies.server(RedisServerConfig.named("redis")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("REDIS_SERVER_BIN")
          .hasMessageContaining("/nonexistent/redis-server");
      assertThatThrownBy(() -> TestTopologies.sentinel(TestTopologies.spec()))
          .hasMessageContaining("REDIS_SERVER_BIN");
    } finally {
      System.clearProperty("REDIS_SERVER_BIN");
    }
    assertThat(folderCount()).isEqualTo(foldersBefore);
  }

  private static long folderCount() throws Exception {
    Path base = Path.of("target", "redis-test");
    if (!Files.isDirectory(base)) {
      return 0;
    }
    try (var folders = Files.list(base)) {
      return folders.count();
    }
  }
}
