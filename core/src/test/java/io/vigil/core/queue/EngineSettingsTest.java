package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.settings.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    EngineSettings s = EngineSettings.fromEnv(Map.of());
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
    EngineSettings s = EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", "acme", "REDIS_JOB_RETENTION_HOURS", "2",
        "REDIS_MAX_JOBS_PER_QUEUE", "500"));
    assertThat(s.prefix()).isEqualTo("acme");
    assertThat(s.retentionMs()).isEqualTo(2L * 3600 * 1000);
    assertThat(s.maxJobsPerQueue()).isEqualTo(500);
  }

  @Test
  void badValuesFailNamingTheSetting() {
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("REDIS_MAX_JOBS_PER_QUEUE", "lots")))
        .hasMessageContaining("REDIS_MAX_JOBS_PER_QUEUE");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", "a:b")))
        .hasMessageContaining("REDIS_QUEUE_PREFIX");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("REDIS_MAX_JOBS_PER_QUEUE", "-1")))
        .hasMessageContaining("REDIS_MAX_JOBS_PER_QUEUE");
  }

  @Test
  void wholeNumberSettingsRefuseFractionsInsteadOfTruncatingThem() {
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_DEFAULT_ATTEMPTS", "2.5")))
        .isInstanceOf(SettingsException.class)
        .hasMessage("VIGIL_DEFAULT_ATTEMPTS: must be a whole number, got '2.5'");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_LEASE_MS", "1e5")))
        .hasMessage("VIGIL_LEASE_MS: must be a whole number, got '1e5'");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("REDIS_JOB_RETENTION_HOURS", "0.5")))
        .hasMessage("REDIS_JOB_RETENTION_HOURS: must be a whole number, got '0.5'");
    assertThat(EngineSettings.fromEnv(Map.of("REDIS_MEMORY_WATERMARK", "0.75")).memoryWatermark()).isEqualTo(0.75);
  }

  @Test
  void refusalsOfTheRecordItselfHaveTheSameShape() {
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_DEFAULT_ATTEMPTS", "0")))
        .isInstanceOf(SettingsException.class).hasMessage("VIGIL_DEFAULT_ATTEMPTS: must be >= 1, got 0");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", "a:b")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("REDIS_QUEUE_PREFIX: must match ");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("REDIS_MEMORY_WATERMARK", "2")))
        .isInstanceOf(SettingsException.class).hasMessage("REDIS_MEMORY_WATERMARK: must be between 0.0 and 1.0, got 2");
  }

  @Test
  void queuesAreCappedAtAThousandByDefaultAndTheQueueSettingsAreChecked() {
    assertThat(EngineSettings.fromEnv(Map.of()).queues()).isEqualTo(new QueuePolicy(false, 1000, java.util.List.of()));
    assertThat(EngineSettings.fromEnv(Map.of("VIGIL_QUEUES_DECLARED", "true", "VIGIL_MAX_QUEUES", "5",
        "VIGIL_QUEUES", "mail, reports")).queues()).isEqualTo(new QueuePolicy(true, 5, java.util.List.of("mail", "reports")));
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_MAX_QUEUES", "0")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_MAX_QUEUES: ");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_QUEUES", "a:b")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_QUEUES: 'a:b' is not a valid queue name");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_QUEUES", "a,b,c", "VIGIL_MAX_QUEUES", "2")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_QUEUES: names 3 queues");
    assertThatThrownBy(() -> EngineSettings.fromEnv(Map.of("VIGIL_QUEUES_DECLARED", "yes")))
        .isInstanceOf(SettingsException.class).hasMessageStartingWith("VIGIL_QUEUES_DECLARED: ");
  }
}
