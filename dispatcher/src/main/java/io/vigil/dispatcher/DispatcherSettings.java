package io.vigil.dispatcher;

import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.util.Map;

/**
 * How a cron dispatcher runs (VIGIL_DISPATCHER_TICK_MS, VIGIL_MISFIRE_*), validated once; each error names its
 * setting.
 */
public record DispatcherSettings(long tickMs, long misfireThresholdMs, int maxCatchUp) {
  public DispatcherSettings {
    SettingsException.require(tickMs >= 50 && tickMs <= 60_000, "VIGIL_DISPATCHER_TICK_MS",
        "must be between 50 and 60000, got " + tickMs);
    SettingsException.require(misfireThresholdMs >= 1_000, "VIGIL_MISFIRE_THRESHOLD_MS",
        "must be >= 1000, got " + misfireThresholdMs);
    SettingsException.require(maxCatchUp >= 1 && maxCatchUp <= 100, "VIGIL_MISFIRE_MAX_CATCH_UP",
        "must be between 1 and 100, got " + maxCatchUp);
  }

  public static DispatcherSettings defaults() {
    return new DispatcherSettings(250, 60_000, 100);
  }

  public static DispatcherSettings fromEnv(Map<String, String> env) {
    DispatcherSettings d = defaults();
    EnvReader r = new EnvReader(env);
    return new DispatcherSettings(r.wholeNumber("VIGIL_DISPATCHER_TICK_MS", d.tickMs()),
        r.wholeNumber("VIGIL_MISFIRE_THRESHOLD_MS", d.misfireThresholdMs()),
        r.integer("VIGIL_MISFIRE_MAX_CATCH_UP", d.maxCatchUp()));
  }
}
