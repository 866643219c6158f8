package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.settings.SettingsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnClusterAddressTest {

  @Test
  void autoIsTheLocalAddressFacingTheFirstMemberThatResolves() {
    assertThat(OwnClusterAddress.auto(List.of("no-such-member.invalid:5701", "127.0.0.1:5701"))).isEqualTo("127.0.0.1");
    assertThat(ClusterSettings.fromEnv(Map.of("VIGIL_CLUSTER_MEMBERS", "127.0.0.1:5701", "VIGIL_CLUSTER_HOST", "auto",
        "VIGIL_CLUSTER_SECRET", "a-secret-of-16-characters")).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void autoRefusesToGuessWhenNoMemberResolves() {
    assertThatThrownBy(() -> OwnClusterAddress.auto(List.of("no-such-member.invalid:5701")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("VIGIL_CLUSTER_HOST").hasMessageContaining("no member of VIGIL_CLUSTER_MEMBERS resolves");
  }
}
