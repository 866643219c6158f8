package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.settings.SettingsException;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** REDIS_PASSWORD_FILE on a real Redis: the broker follows a rotated file without a restart. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
// The default user needs a password: with none, the client's PING succeeds and it never logs in as "app".
@io.vigil.testkit.RedisSettings(password = "admin-pw")
class CredentialFilesTest {

  @Test
  void aRefusedPasswordMakesTheBrokerReadItsFileAtOnceAndTheCallSucceeds(Vertx vertx, RedisNode redis) throws Exception {
    redis.command("ACL", "SETUSER", "app", "reset", "on", ">old-password-00001", "~*", "+@all");
    Path file = Files.createTempFile("redis-password", "");
    Files.writeString(file, "old-password-00001\n");
    // A reload period far longer than the test: only the WRONGPASS path can pick up the new password.
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(Map.of("REDIS_HOST", redis.host(),
        "REDIS_PORT", Integer.toString(redis.port()), "REDIS_USERNAME", "app", "REDIS_PASSWORD_FILE", file.toString(),
        "VIGIL_CREDENTIALS_RELOAD_MS", "600000", "REDIS_COMMAND_TIMEOUT", "5000"))).await();
    try {
      broker.send(Request.cmd(Command.SET).arg("k").arg("before")).await();

      // Rotated out of order: the old password is gone and every connection of the app user is cut.
      redis.command("ACL", "SETUSER", "app", "resetpass", ">new-password-00001");
      Files.writeString(file, "new-password-00001\n");
      assertThat(redis.command("CLIENT", "KILL", "USER", "app")).isNotEqualTo(0L);

      broker.send(Request.cmd(Command.SET).arg("k").arg("after")).await();
      assertThat(redis.command("GET", "k")).isEqualTo("after");
    } finally {
      broker.close().await();
    }
  }

  @Test
  void aNewPasswordTheMasterRefusesKeepsThePreviousConnectionsUntilItIsAccepted(Vertx vertx, RedisNode redis)
      throws Exception {
    redis.command("ACL", "SETUSER", "app", "reset", "on", ">old-password-00001", "~*", "+@all");
    Path file = Files.createTempFile("redis-password", "");
    Files.writeString(file, "old-password-00001");
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(Map.of("REDIS_HOST", redis.host(),
        "REDIS_PORT", Integer.toString(redis.port()), "REDIS_USERNAME", "app", "REDIS_PASSWORD_FILE", file.toString(),
        "VIGIL_CREDENTIALS_RELOAD_MS", "200"))).await();
    try {
      // Runbook steps out of order: the file changes before the node knows the password.
      Files.writeString(file, "new-password-00001");
      Thread.sleep(1_000);

      broker.send(Request.cmd(Command.SET).arg("k").arg("during")).await();
      assertThat(broker.status().lastRefreshError()).as("a refused renewal is not a failed refresh").isNull();

      redis.command("ACL", "SETUSER", "app", ">new-password-00001");
      Thread.sleep(1_000);
      redis.command("ACL", "SETUSER", "app", "<old-password-00001");
      redis.command("CLIENT", "KILL", "USER", "app");

      broker.send(Request.cmd(Command.SET).arg("k").arg("after")).await();
      assertThat(redis.command("GET", "k")).isEqualTo("after");
    } finally {
      broker.close().await();
    }
  }

  @Test
  void passwordsAreReadFromTheirFilesAndNeverShown() throws Exception {
    Path data = Files.createTempFile("redis-password", "");
    Files.writeString(data, "data-secret-0000001\n");
    Path sentinel = Files.createTempFile("redis-sentinel-password", "");
    Files.writeString(sentinel, "sentinel-secret-01");

    RedisSettings s = RedisSettings.fromEnv(Map.of("REDIS_PASSWORD_FILE", data.toString(),
        "REDIS_SENTINEL_PASSWORD_FILE", sentinel.toString(), "VIGIL_CREDENTIALS_RELOAD_MS", "250"));

    assertThat(s.password()).isEqualTo("data-secret-0000001");
    assertThat(s.sentinelPassword()).isEqualTo("sentinel-secret-01");
    assertThat(s.credentialsReloadMs()).isEqualTo(250);
    assertThat(s.toString()).contains("passwordFile=" + data).doesNotContain("data-secret-0000001", "sentinel-secret-01");
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("VIGIL_CREDENTIALS_RELOAD_MS", "50")))
        .isInstanceOf(SettingsException.class).hasMessage("VIGIL_CREDENTIALS_RELOAD_MS: must be >= 100, got 50");
  }

  @Test
  void aPasswordAndItsFileTogetherStopTheStartNamingBoth() {
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("REDIS_SENTINEL_PASSWORD", "pw",
        "REDIS_SENTINEL_PASSWORD_FILE", "/run/secrets/sentinel")))
        .isInstanceOf(SettingsException.class)
        .hasMessage("REDIS_SENTINEL_PASSWORD_FILE: set only one of REDIS_SENTINEL_PASSWORD and REDIS_SENTINEL_PASSWORD_FILE");
  }
}
