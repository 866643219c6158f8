package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

  @Test
  void defaultsDescribeALocalStandaloneRedisWithoutReplicaAcks() {
    RedisSettings s = RedisSettings.fromEnv(Map.of());

    assertThat(s.sentinelMode()).isFalse();
    assertThat(s.standalone()).isEqualTo(new RedisAddress("127.0.0.1", 6379));
    assertThat(s.db()).isZero();
    assertThat(s.masterName()).isEqualTo("mymaster");
    assertThat(s.maxConnections()).isEqualTo(10);
    assertThat(s.minConnections()).isEqualTo(2);
    assertThat(s.connectTimeoutMs()).isEqualTo(5_000);
    assertThat(s.commandTimeoutMs()).isEqualTo(10_000);
    assertThat(s.replicaAcks()).isEqualTo(ReplicaAcks.fixed(0));
    assertThat(s.replicaAckTimeoutMs()).isEqualTo(1_000);
    assertThat(s.durableFinish()).isTrue();
  }

  @Test
  void sentinelsSwitchToSentinelModeWithAutomaticReplicaAcks() {
    RedisSettings s = RedisSettings.fromEnv(Map.of("REDIS_SENTINELS", "s1:26379, s2:26380,[::1]:26381",
        "REDIS_MASTER_NAME", "jobs"));

    assertThat(s.sentinelMode()).isTrue();
    assertThat(s.sentinels()).containsExactly(new RedisAddress("s1", 26379), new RedisAddress("s2", 26380),
        new RedisAddress("::1", 26381));
    assertThat(s.masterName()).isEqualTo("jobs");
    assertThat(s.replicaAcks().automatic()).isTrue();
  }

  @Test
  void everyVariableIsRead() {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_HOST", "redis.internal");
    env.put("REDIS_PORT", "6380");
    env.put("REDIS_DB", "3");
    env.put("REDIS_USERNAME", "vigil");
    env.put("REDIS_PASSWORD", " data pw 1234567 ");
    env.put("REDIS_SENTINEL_USERNAME", "watcher");
    env.put("REDIS_SENTINEL_PASSWORD", "sentinel-password-01");
    env.put("REDIS_MAX_CONNECTIONS", "20");
    env.put("REDIS_MIN_CONNECTIONS", "5");
    env.put("REDIS_MAX_BLOCKING_CONNECTIONS", "8");
    env.put("REDIS_CONNECT_TIMEOUT", "700");
    env.put("REDIS_COMMAND_TIMEOUT", "3000");
    env.put("REDIS_MIN_REPLICA_ACKS", "2");
    env.put("REDIS_REPLICA_ACK_TIMEOUT", "250");
    env.put("VIGIL_DURABLE_FINISH", "false");

    RedisSettings s = RedisSettings.fromEnv(env);

    assertThat(s).isEqualTo(new RedisSettings(new RedisAddress("redis.internal", 6380), 3, List.of(), "mymaster",
        "vigil", " data pw 1234567 ", "watcher", "sentinel-password-01", 20, 5, 8, 700, 3000, ReplicaAcks.fixed(2), 250, false,
        RedisTls.OFF, null, null, 5_000));
  }

  @Test
  void toStringNeverShowsPasswords() {
    RedisSettings s = RedisSettings.fromEnv(Map.of("REDIS_PASSWORD", "hunter2-hunter2-hunter2", "REDIS_SENTINEL_PASSWORD", "s3cret-s3cret-s3cret",
        "REDIS_SENTINELS", "a:1"));

    assertThat(s.toString()).doesNotContain("hunter2-hunter2-hunter2").doesNotContain("s3cret-s3cret-s3cret").contains("password=***");
  }

  @Test
  void invalidValuesAreRefusedNamingTheVariable() {
    assertRefused(Map.of("REDIS_PORT", "http"), "REDIS_PORT");
    assertRefused(Map.of("REDIS_PORT", "70000"), "REDIS_PORT");
    assertRefused(Map.of("REDIS_DB", "-1"), "REDIS_DB");
    assertRefused(Map.of("REDIS_SENTINELS", "s1"), "REDIS_SENTINELS");
    assertRefused(Map.of("REDIS_SENTINELS", "s1:x"), "REDIS_SENTINELS");
    assertRefused(Map.of("REDIS_SENTINELS", " , "), "REDIS_SENTINELS");
    assertRefused(Map.of("REDIS_SENTINELS", "s1:1", "REDIS_MASTER_NAME", "my master"), "REDIS_MASTER_NAME");
    assertRefused(Map.of("REDIS_MAX_CONNECTIONS", "0"), "REDIS_MAX_CONNECTIONS");
    assertRefused(Map.of("REDIS_MIN_CONNECTIONS", "11"), "REDIS_MIN_CONNECTIONS");
    assertRefused(Map.of("REDIS_CONNECT_TIMEOUT", "0"), "REDIS_CONNECT_TIMEOUT");
    assertRefused(Map.of("REDIS_COMMAND_TIMEOUT", "soon"), "REDIS_COMMAND_TIMEOUT");
    assertRefused(Map.of("REDIS_MIN_REPLICA_ACKS", "some"), "REDIS_MIN_REPLICA_ACKS");
    assertRefused(Map.of("REDIS_MIN_REPLICA_ACKS", "-1"), "REDIS_MIN_REPLICA_ACKS");
    assertRefused(Map.of("REDIS_MIN_REPLICA_ACKS", "auto"), "REDIS_MIN_REPLICA_ACKS");
    assertRefused(Map.of("REDIS_REPLICA_ACK_TIMEOUT", "10000", "REDIS_MIN_REPLICA_ACKS", "1"), "REDIS_REPLICA_ACK_TIMEOUT");
    assertRefused(Map.of("REDIS_USERNAME", "vigil"), "REDIS_USERNAME");
    assertRefused(Map.of("VIGIL_DURABLE_FINISH", "maybe"), "VIGIL_DURABLE_FINISH");
  }

  @Test
  void redisPasswordsShorterThanSixteenCharactersAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("REDIS_PASSWORD", "fifteen-chars-x")))
        .hasMessage("REDIS_PASSWORD: must be at least 16 characters long, got 15").hasMessageNotContaining("fifteen");
    assertThatThrownBy(() -> RedisSettings.fromEnv(Map.of("REDIS_SENTINELS", "s1:1", "REDIS_SENTINEL_PASSWORD", "pw")))
        .hasMessage("REDIS_SENTINEL_PASSWORD: must be at least 16 characters long, got 2");

    assertThat(RedisSettings.fromEnv(Map.of("REDIS_PASSWORD", "sixteen-chars-xx")).password()).isEqualTo("sixteen-chars-xx");
  }

  @Test
  void blankValuesMeanTheDefault() {
    RedisSettings s = RedisSettings.fromEnv(Map.of("REDIS_HOST", " ", "REDIS_SENTINELS", "", "REDIS_PASSWORD", ""));

    assertThat(s.sentinelMode()).isFalse();
    assertThat(s.standalone().host()).isEqualTo("127.0.0.1");
    assertThat(s.password()).isNull();
  }

  private static void assertRefused(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> RedisSettings.fromEnv(env)).as(env.toString())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(variable);
  }
}
