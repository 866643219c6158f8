package io.vigil.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.settings.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {

  @Test
  void bothBridgesAreOffUnlessSwitchedOn() {
    BridgeSettings settings = BridgeSettings.fromEnv(Map.of());

    assertThat(settings).isEqualTo(BridgeSettings.OFF);
    assertThat(settings.any()).isFalse();
    assertThat(settings.tls()).isFalse();
  }

  @Test
  void badSettingsNameTheirVariable() {
    assertRefused(Map.of("VIGIL_BRIDGE_TCP", "yes"), "VIGIL_BRIDGE_TCP");
    assertRefused(Map.of("VIGIL_BRIDGE_TCP_PORT", "70000"), "VIGIL_BRIDGE_TCP_PORT");
    assertRefused(Map.of("VIGIL_BRIDGE_SOCKJS_PORT", "7.5"), "VIGIL_BRIDGE_SOCKJS_PORT");
    assertRefused(Map.of("VIGIL_BRIDGE_TLS_CERT", "/etc/hostname"), "VIGIL_BRIDGE_TLS_KEY");
    assertRefused(Map.of("VIGIL_BRIDGE_TLS_KEY", "/etc/hostname"), "VIGIL_BRIDGE_TLS_CERT");
    assertRefused(Map.of("VIGIL_BRIDGE_TLS_CERT", "/no/such.pem", "VIGIL_BRIDGE_TLS_KEY", "/etc/hostname"),
        "VIGIL_BRIDGE_TLS_CERT");
    assertRefused(Map.of("VIGIL_BRIDGE_TCP", "true", "VIGIL_BRIDGE_SOCKJS", "true", "VIGIL_BRIDGE_TCP_PORT", "7100",
        "VIGIL_BRIDGE_SOCKJS_PORT", "7100"), "VIGIL_BRIDGE_SOCKJS_PORT");
  }

  private static void assertRefused(Map<String, String> env, String variable) {
    assertThatThrownBy(() -> BridgeSettings.fromEnv(env)).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(variable + ": ");
  }
}
