package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.gateway.auth.Role;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
  private static final String SECRET = "s3cret-token-abcdefgh";
  private static final String TOKENS = "ci:" + SECRET + ":submit,ops:another-secret-0001:admin";

  @Test
  void defaultsApplyWhenOnlyTokensAreSet() {
    GatewaySettings s = GatewaySettings.fromEnv(Map.of("VIGIL_API_TOKENS", TOKENS));

    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(s.insecure()).isFalse();
    assertThat(s.relayEnabled()).isTrue();
    assertThat(s.tokens()).extracting(t -> t.name() + "=" + t.role()).containsExactly("ci=SUBMIT", "ops=ADMIN");
    assertThat(s.tokens().get(1).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void startingWithoutTokensNeedsInsecureAndTheErrorNamesTheSetting() {
    assertThatThrownBy(() -> GatewaySettings.fromEnv(Map.of())).hasMessageContaining("VIGIL_API_TOKENS")
        .hasMessageContaining("VIGIL_INSECURE");
    assertThat(GatewaySettings.fromEnv(Map.of("VIGIL_INSECURE", "true")).tokens()).isEmpty();
  }

  @Test
  void everyBadValueIsRefusedWithTheNameOfItsSetting() {
    Map<String, String> cases = Map.of(
        "VIGIL_HTTP_PORT", "eighty",
        "VIGIL_MAX_BODY_BYTES", "10",
        "VIGIL_INSECURE", "yes",
        "VIGIL_SSE_POLL_MS", "-1",
        "VIGIL_RELAY_LEASE_MS", "100",
        "VIGIL_SSE_HEARTBEAT_MS", "999999999");
    cases.forEach((name, value) -> {
      Map<String, String> env = new HashMap<>(Map.of("VIGIL_API_TOKENS", TOKENS));
      env.put(name, value);
      assertThatThrownBy(() -> GatewaySettings.fromEnv(env)).as(name).hasMessageContaining(name);
    });
  }

  @Test
  void malformedTokenListsAreRefusedWithoutEchoingTheSecret() {
    for (String tokens : new String[] {"ci:" + SECRET, "ci:" + SECRET + ":root", "ci:short:read",
        "ci:" + SECRET + ":read,ci:" + SECRET + "x:read", "a b:" + SECRET + ":read"}) {
      assertThatThrownBy(() -> GatewaySettings.fromEnv(Map.of("VIGIL_API_TOKENS", tokens))).as(tokens)
          .hasMessageContaining("VIGIL_API_TOKENS")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
  }

  @Test
  void toStringShowsNamesAndRolesButNoToken() {
    String text = GatewaySettings.fromEnv(Map.of("VIGIL_API_TOKENS", TOKENS)).toString();

    assertThat(text).contains("ci:***:submit").contains("ops:***:admin").doesNotContain(SECRET)
        .doesNotContain("another-secret");
  }
}
