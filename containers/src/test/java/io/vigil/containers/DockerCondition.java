package io.vigil.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the container tests where Docker, the local base image and vigil.jar are there. Elsewhere they are
 * skipped with what to do, except in CI ({@code VIGIL_CONTAINER_TESTS=required}, which .ci/run sets, or
 * {@code CI=true}): there a missing piece fails the test.
 */
final class DockerCondition implements ExecutionCondition {

  static final String IMAGE = "vigil-base:local";
  static final Path JAR = Path.of("..", "app", "target", "vigil.jar").toAbsolutePath().normalize();
  private static final String HOW = "run scripts/docker-local (as root: installs Docker, starts dockerd, builds "
      + IMAGE + ") and build the jar (mvn -pl app -am package -DskipTests) to enable them";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return decide(missing(), System.getenv());
  }

  /** Enabled when nothing is {@code missing} (null); else skipped with what to run, or failed where required. */
  static ConditionEvaluationResult decide(String missing, java.util.Map<String, String> env) {
    if (missing == null) {
      return ConditionEvaluationResult.enabled("Docker, " + IMAGE + " and vigil.jar are there");
    }
    if ("required".equals(env.get("VIGIL_CONTAINER_TESTS")) || "true".equals(env.get("CI"))) {
      throw new IllegalStateException("container tests are required here but " + missing + ": " + HOW);
    }
    return ConditionEvaluationResult.disabled("container tests skipped: " + missing + "; " + HOW);
  }

  private static String missing() {
    if (!Files.isRegularFile(JAR)) {
      return JAR + " is missing";
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return "no Docker daemon answers";
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
    } catch (RuntimeException e) {
      return "image " + IMAGE + " is missing";
    }
    return null;
  }
}
