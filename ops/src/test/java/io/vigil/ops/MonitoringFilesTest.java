package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testkit.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus alert rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}); the Grafana dashboard is well-formed. (The app module's MetricsExpositionTest
 * checks that every metric they query is exposed by a running node.)
 */
class MonitoringFilesTest {
  private static final Path PROMETHEUS = Path.of("prometheus");
  private static final Path DASHBOARD = Path.of("grafana", "vigil-dashboard.json");

  @Test
  void alertRulesAreValid() throws Exception {
    Promtool.Result result = Promtool.run(null, "check", "rules", PROMETHEUS.resolve("vigil-alerts.yml").toString());

    System.out.println(result.output().strip());
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 8 rules found");
  }

  @Test
  void alertRulesPassTheirUnitTests() throws Exception {
    Promtool.Result result = Promtool.run(null, "test", "rules", PROMETHEUS.resolve("vigil-alerts.test.yml").toString());

    System.out.println(result.output().strip());
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAUnitTest() throws Exception {
    String rules = Files.readString(PROMETHEUS.resolve("vigil-alerts.yml"));
    String tests = Files.readString(PROMETHEUS.resolve("vigil-alerts.test.yml"));
    Set<String> alerts = new HashSet<>();
    rules.lines().map(String::strip).filter(l -> l.startsWith("- alert: ")).forEach(l -> alerts.add(l.substring(9)));

    assertThat(alerts).hasSize(8).allSatisfy(alert -> assertThat(tests).contains("alertname: " + alert + "\n"));
  }

  @Test
  void dashboardPanelsEachQuerySomethingUnderUniqueIds() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    JsonArray panels = dashboard.getJsonArray("panels");
    Set<Integer> ids = new HashSet<>();

    assertThat(dashboard.getString("uid")).isEqualTo("vigil-overview");
    assertThat(panels).hasSizeGreaterThanOrEqualTo(8);
    for (int i = 0; i < panels.size(); i++) {
      JsonObject panel = panels.getJsonObject(i);
      assertThat(ids.add(panel.getInteger("id"))).as("unique id of " + panel.getString("title")).isTrue();
      JsonArray targets = panel.getJsonArray("targets");
      assertThat(targets).as(panel.getString("title")).isNotEmpty();
      targets.forEach(t -> assertThat(((JsonObject) t).getString("expr")).isNotBlank());
    }
  }
}
