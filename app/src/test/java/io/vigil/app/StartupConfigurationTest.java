package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupConfigurationTest {

  @Test
  void badSettingStopsTheProcessWithAMessageNamingIt() throws Exception {
    assertRefusedWithExit2("VIGIL_WORKER_CONCURRENCY", "many",
        "vigil: configuration error: VIGIL_WORKER_CONCURRENCY: must be a whole number, got 'many'");
  }

  @Test
  void aFractionForAWholeNumberStopsTheProcessInsteadOfBeingTruncated() throws Exception {
    assertRefusedWithExit2("VIGIL_DEFAULT_ATTEMPTS", "2.5",
        "vigil: configuration error: VIGIL_DEFAULT_ATTEMPTS: must be a whole number, got '2.5'");
  }

  @Test
  void anUnknownLogLevelOrFormatStopsTheProcess() throws Exception {
    assertRefusedWithExit2("VIGIL_LOG_LEVEL", "verbose",
        "vigil: configuration error: VIGIL_LOG_LEVEL: must be trace, debug, info, warn or error, got 'verbose'");
    assertRefusedWithExit2("VIGIL_LOG_FORMAT", "logfmt",
        "vigil: configuration error: VIGIL_LOG_FORMAT: must be text or json, got 'logfmt'");
  }

  @Test
  void aRedisPasswordShorterThanSixteenCharactersStopsRolesAndOpsCommands() throws Exception {
    assertRefusedWithExit2("VIGIL_API_TOKENS", null, "REDIS_PASSWORD", "short-password",
        "vigil: configuration error: REDIS_PASSWORD: must be at least 16 characters long, got 14", "worker");
    assertRefusedWithExit2("REDIS_ADMIN_PASSWORD", "admin-password-long-enough", "REDIS_SENTINEL_PASSWORD", "tiny",
        "vigil health: REDIS_SENTINEL_PASSWORD: must be at least 16 characters long, got 4", "health");
    assertRefusedWithExit2("REDIS_PASSWORD", "app-password-long-enough", "REDIS_ADMIN_PASSWORD", "admin",
        "vigil doctor: REDIS_ADMIN_PASSWORD: must be at least 16 characters long, got 5", "doctor");
  }

  private static void assertRefusedWithExit2(String variable, String value, String message) throws Exception {
    assertRefusedWithExit2("VIGIL_API_TOKENS", null, variable, value, message, "worker");
  }

  /** Runs {@code vigil <command>} with {@code variable=value} (and {@code other=otherValue} when not null). */
  private static void assertRefusedWithExit2(String other, String otherValue, String variable, String value, String message,
                                             String command) throws Exception {
    ProcessBuilder bad = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.vigil.app.Main", command)).redirectErrorStream(true);
    if (otherValue != null) {
      bad.environment().put(other, otherValue);
    }
    bad.environment().put(variable, value);
    Process child = bad.start();

    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).isEqualTo(2);
    assertThat(output).contains(message);
  }

  @Test
  void gatewayWithoutTokensRefusesToStartUnlessInsecure() {
    assertThatThrownBy(() -> NodeSettings.fromEnv(EnumSet.of(Role.GATEWAY), Map.of()))
        .hasMessageContaining("VIGIL_API_TOKENS");
    assertThat(NodeSettings.fromEnv(EnumSet.of(Role.GATEWAY), Map.of("VIGIL_INSECURE", "true")).gateway()).isNotNull();
  }

  @Test
  void clusterSettingsRefuseMalformedMembersAndPorts() {
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_MEMBERS", "hostwithoutport")))
        .hasMessageContaining("VIGIL_CLUSTER_MEMBERS");
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_PORT", "70000")))
        .hasMessageContaining("VIGIL_CLUSTER_PORT");
    assertThat(ClusterSettings.fromEnv(Map.of()).enabled()).isFalse();
  }

  @Test
  void rolesParseSingleCommaSeparatedAndAll() {
    assertThat(Role.parse("worker,dispatcher")).containsExactlyInAnyOrder(Role.WORKER, Role.DISPATCHER);
    assertThat(Role.parse("all")).containsExactlyInAnyOrder(Role.values());
    assertThatThrownBy(() -> Role.parse("janitor")).hasMessageContaining("janitor");
  }
}
