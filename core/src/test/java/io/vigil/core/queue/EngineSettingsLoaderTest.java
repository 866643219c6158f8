package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSettingsLoaderTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    EngineSettings s = EngineSettingsLoader.fromEnv(Map.of());
    assertThat(s.prefix()).isEqualTo("vigil");
    assertThat(s.retentionMs()).isEqualTo(24L * 3600 * 1000);
    assertThat(s.keepCompleted()).isEqualTo(100);
    assertThat(s.keepFailed()).isEqualTo(50);
    assertThat(s.maxPayloadBytes()).isEqualTo(512 * 1024);
    assertThat(s.stalledIntervalMs()).isEqualTo(30_000);
    assertThat(s.maxStalledCount()).isEqualTo(1);
  }

  @Test
  void variablesOverrideDefaults() {
    EngineSettings s = EngineSettingsLoader.fromEnv(Map.of("REDIS_QUEUE_PREFIX", "acme", "REDIS_JOB_RETENTION_HOURS", "2",
        "REDIS_MAX_JOBS_PER_QUEUE", "500"));
    assertThat(s.prefix()).isEqualTo("acme");
    assertThat(s.retentionMs()).isEqualTo(2L * 3600 * 1000);
    assertThat(s.maxJobsPerQueue()).isEqualTo(500);
  }

  @Test
  void badValuesFailNamingTheSetting() {
    assertThatThrownBy(() -> EngineSettingsLoader.fromEnv(Map.of("REDIS_MAX_JOBS_PER_QUEUE", "lots")))
        .hasMessageContaining("REDIS_MAX_JOBS_PER_QUEUE");
    assertThatThrownBy(() -> EngineSettingsLoader.fromEnv(Map.of("REDIS_QUEUE_PREFIX", "a:b")))
        .hasMessageContaining("REDIS_QUEUE_PREFIX");
    assertThatThrownBy(() -> EngineSettingsLoader.fromEnv(Map.of("REDIS_MAX_JOBS_PER_QUEUE", "-1")))
        .hasMessageContaining("REDIS_MAX_JOBS_PER_QUEUE");
  }
}
