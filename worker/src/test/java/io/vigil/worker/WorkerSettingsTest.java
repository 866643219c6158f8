package io.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  @Test
  void emptyEnvironmentGivesTheDocumentedDefaults() {
    WorkerSettings settings = WorkerSettings.fromEnv(Map.of("HOSTNAME", "box.example"));

    assertThat(settings.queues()).containsExactly("default", "report-generation");
    assertThat(settings.concurrency()).isEqualTo(10);
    assertThat(settings.instances()).isEqualTo(1);
    assertThat(settings.shutdownGraceMs()).isEqualTo(30_000);
    assertThat(settings.heartbeatMs()).isEqualTo(5_000);
    assertThat(settings.registrationTtlMs()).isEqualTo(15_000);
    assertThat(settings.host()).isEqualTo("box.example");
    assertThat(settings.workerId()).matches("box\\.example-" + ProcessHandle.current().pid() + "-[0-9a-f]{6}");
    assertThat(settings.instanceId(1)).isEqualTo(settings.workerId());
  }

  @Test
  void environmentOverridesEverySetting() {
    WorkerSettings settings = WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_QUEUES", " emails , reports ",
        "VIGIL_WORKER_CONCURRENCY", "25", "VIGIL_WORKER_INSTANCES", "3", "VIGIL_SHUTDOWN_GRACE_MS", "5000",
        "VIGIL_WORKER_HEARTBEAT_MS", "1000", "VIGIL_WORKER_ID", "worker-7", "HOSTNAME", "h"));

    assertThat(settings).isEqualTo(new WorkerSettings(List.of("emails", "reports"), 25, 3, 5_000, 1_000, "worker-7", "h"));
    assertThat(List.of(settings.instanceId(1), settings.instanceId(3))).containsExactly("worker-7-1", "worker-7-3");
  }

  @Test
  void hostNameWithCharactersIdsRefuseStillGivesAValidDefaultId() {
    assertThat(WorkerSettings.defaultWorkerId("my host:{1}")).matches("my-host--1--\\d+-[0-9a-f]{6}");
    assertThat(WorkerSettings.defaultWorkerId("__")).startsWith("worker-");
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_QUEUES", "a,b c")))
        .hasMessageContaining("VIGIL_WORKER_QUEUES: 'b c' is not a valid queue name");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_QUEUES", " , ")))
        .hasMessageContaining("VIGIL_WORKER_QUEUES: must name at least one queue");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_QUEUES", "a,a")))
        .hasMessageContaining("VIGIL_WORKER_QUEUES: names a queue twice");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_CONCURRENCY", "0")))
        .hasMessageContaining("VIGIL_WORKER_CONCURRENCY: must be between 1 and 10000");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_CONCURRENCY", "ten")))
        .hasMessage("VIGIL_WORKER_CONCURRENCY: must be a whole number, got 'ten'");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_INSTANCES", "99999999999")))
        .hasMessageContaining("VIGIL_WORKER_INSTANCES: is out of range");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_SHUTDOWN_GRACE_MS", "-1")))
        .hasMessageContaining("VIGIL_SHUTDOWN_GRACE_MS: must be >= 0");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_ID", "w:1")))
        .hasMessageContaining("VIGIL_WORKER_ID: must be 1 to 100");
    assertThatThrownBy(() -> WorkerSettings.fromEnv(Map.of("VIGIL_WORKER_HEARTBEAT_MS", "10")))
        .hasMessageContaining("VIGIL_WORKER_HEARTBEAT_MS: must be between 100 and 600000");
  }
}
