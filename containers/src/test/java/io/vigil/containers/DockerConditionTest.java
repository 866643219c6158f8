package io.vigil.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** What the container tests do where Docker, the image or the jar is missing: runs everywhere, Docker or not. */
class DockerConditionTest {

  @Test
  void withoutDockerTheTestsAreSkippedSayingHowToEnableThem() {
    ConditionEvaluationResult result = DockerCondition.decide("no Docker daemon answers", Map.of());

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).hasValue("container tests skipped: no Docker daemon answers; run scripts/docker-local"
        + " (as root: installs Docker, starts dockerd, builds vigil-base:local) and build the jar"
        + " (mvn -pl app -am package -DskipTests) to enable them");
  }

  @Test
  void whereRequiredOrInCiAMissingPieceFailsInsteadOfSkipping() {
    for (Map<String, String> env : java.util.List.of(Map.of("VIGIL_CONTAINER_TESTS", "required"), Map.of("CI", "true"))) {
      assertThatThrownBy(() -> DockerCondition.decide("image vigil-base:local is missing", env))
          .as(env.toString()).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("container tests are required here but image vigil-base:local is missing: run scripts/docker-local");
    }
  }

  @Test
  void withEverythingThereTheyRun() {
    assertThat(DockerCondition.decide(null, Map.of("VIGIL_CONTAINER_TESTS", "required")).isDisabled()).isFalse();
  }
}
