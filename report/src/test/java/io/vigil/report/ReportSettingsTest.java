package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportSettingsTest {

  @Test
  void defaultsApplyWhenNothingIsSet() {
    assertThat(ReportSettings.fromEnv(Map.of())).isEqualTo(ReportSettings.defaults());
    assertThat(ReportSettings.defaults()).isEqualTo(new ReportSettings(Set.of(), 5_000, 10_000, 30_000, 1_048_576, 5, 25,
        90L * 24 * 3600 * 1000));
  }

  @Test
  void readsEveryVariable() {
    ReportSettings settings = ReportSettings.fromEnv(Map.of(
        "VIGIL_FETCH_ALLOWED_HOSTS", " 127.0.0.1, Intranet.Example.:8080,[::1],, ",
        "VIGIL_FETCH_CONNECT_TIMEOUT_MS", "1000",
        "VIGIL_FETCH_READ_TIMEOUT_MS", "2000",
        "VIGIL_FETCH_TOTAL_TIMEOUT_MS", "3000",
        "VIGIL_FETCH_MAX_BYTES", "65536",
        "VIGIL_FETCH_MAX_REDIRECTS", "2",
        "VIGIL_REPORT_MAX_COMPETITORS", "10",
        "VIGIL_REPORT_KEEP_DAYS", "0"));

    assertThat(settings).isEqualTo(new ReportSettings(Set.of("127.0.0.1", "intranet.example:8080", "::1"), 1000, 2000, 3000,
        65536, 2, 10, 0));
    assertThat(ReportSettings.parseHosts("[::1]:8080,fd00::1,LOCALHOST.")).containsExactlyInAnyOrder("[::1]:8080", "fd00::1",
        "localhost");
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> ReportSettings.fromEnv(Map.of("VIGIL_FETCH_MAX_BYTES", "lots")))
        .hasMessage("VIGIL_FETCH_MAX_BYTES: must be a whole number, got 'lots'");
    assertThatThrownBy(() -> ReportSettings.fromEnv(Map.of("VIGIL_FETCH_MAX_REDIRECTS", "50")))
        .hasMessage("VIGIL_FETCH_MAX_REDIRECTS: must be between 0 and 20");
    assertThatThrownBy(() -> ReportSettings.fromEnv(Map.of("VIGIL_FETCH_ALLOWED_HOSTS", "http://127.0.0.1/")))
        .hasMessage("VIGIL_FETCH_ALLOWED_HOSTS: entries are host or host:port, got 'http://127.0.0.1/'");
    assertThatThrownBy(() -> ReportSettings.fromEnv(Map.of("VIGIL_FETCH_READ_TIMEOUT_MS", "0")))
        .hasMessage("VIGIL_FETCH_READ_TIMEOUT_MS: must be > 0");
  }
}
