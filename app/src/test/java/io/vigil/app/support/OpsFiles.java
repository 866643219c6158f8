package io.vigil.app.support;

import java.nio.file.Path;

/** The shipped monitoring files, seen from the app module's folder (the tests' working directory). */
public final class OpsFiles {
  public static final Path ALERTS = Path.of("..", "ops", "prometheus", "vigil-alerts.yml");
  public static final Path DASHBOARD = Path.of("..", "ops", "grafana", "vigil-dashboard.json");

  private OpsFiles() {
  }
}
