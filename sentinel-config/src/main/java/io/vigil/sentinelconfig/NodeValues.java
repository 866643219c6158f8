package io.vigil.sentinelconfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The placeholder values every node shares, and the check both node kinds run on their whole map. */
final class NodeValues {
  private NodeValues() {}

  static void requireDirAndSecrets(Path dir, Secrets secrets) {
    if (dir == null || secrets == null) {
      throw new IllegalArgumentException("dir and secrets are required");
    }
  }

  /** BIND, PORT, ANNOUNCE_HOST, DIR, LOGFILE and the monitor and application credentials. */
  static Map<String, String> common(String bind, int port, String announceHost, Path dir, String logFile,
      Secrets secrets) {
    Map<String, String> values = new HashMap<>();
    values.put("BIND", bind);
    values.put("PORT", Integer.toString(port));
    values.put("ANNOUNCE_HOST", announceHost);
    values.put("DIR", dir.toString());
    values.put("LOGFILE", logFile);
    values.put("MONITOR_USER", secrets.monitorUser());
    values.put("MONITOR_PASSWORD", secrets.monitorPassword());
    values.put("APP_USER", secrets.appUser());
    values.put("APP_PASSWORD", secrets.appPassword());
    return values;
  }

  /** Fails unless every required placeholder has a value and every value fits its placeholder. */
  static Map<String, String> checked(Map<String, String> values, List<String> required, String node) {
    for (String name : required) {
      if (values.get(name) == null) {
        throw new IllegalArgumentException("{{" + name + "}} is required for " + node);
      }
    }
    values.forEach((name, value) -> {
      if (value != null) {
        Placeholders.requireValid(name, value);
      }
    });
    return values;
  }
}
