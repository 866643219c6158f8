package io.vigil.ops;

import io.vigil.core.keys.Names;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the ops commands reach a deployment, read once from the same REDIS_* variables as the roles (plus
 * REDIS_ADMIN_*); every error names its variable and {@link #toString} shows no password.
 *
 * @param sentinels REDIS_SENTINELS, comma-separated {@code host:port}; empty means a standalone Redis
 * @param masterName REDIS_MASTER_NAME (default mymaster)
 * @param standalone REDIS_HOST / REDIS_PORT (default 127.0.0.1:6379), used without Sentinels
 * @param db REDIS_DB, where the queue keys are (default 0)
 * @param app REDIS_USERNAME / REDIS_PASSWORD: the application's user
 * @param sentinel REDIS_SENTINEL_USERNAME / REDIS_SENTINEL_PASSWORD, as the roles read them (unset: no
 *     AUTH); the shipped setup gives the application's user here too
 * @param admin REDIS_ADMIN_USERNAME (default: the default user) / REDIS_ADMIN_PASSWORD, for what the
 *     application user may not do (CONFIG GET, ACL, SYNC); unset means the application's credentials
 * @param prefix REDIS_QUEUE_PREFIX (default vigil)
 * @param timeout REDIS_CONNECT_TIMEOUT in ms (default 5000): connect and reply timeout of every call
 */
public record OpsSettings(List<Endpoint> sentinels, String masterName, Endpoint standalone, int db, Credentials app,
    Credentials sentinel, Credentials admin, String prefix, Duration timeout) {

  public OpsSettings {
    sentinels = List.copyOf(sentinels);
    if (masterName == null || !masterName.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException("REDIS_MASTER_NAME must match [A-Za-z0-9._-]{1,128}, got '" + masterName + "'");
    }
    Names.requireValidPrefix(prefix);
  }

  public static OpsSettings fromEnv(Map<String, String> env) {
    List<Endpoint> sentinels = new ArrayList<>();
    for (String part : value(env, "REDIS_SENTINELS", "").split(",")) {
      if (!part.isBlank()) {
        sentinels.add(Endpoint.parse(part, "REDIS_SENTINELS"));
      }
    }
    Credentials app = credentials(env, "REDIS_USERNAME", "REDIS_PASSWORD");
    Credentials sentinel = credentials(env, "REDIS_SENTINEL_USERNAME", "REDIS_SENTINEL_PASSWORD");
    Credentials admin = value(env, "REDIS_ADMIN_PASSWORD", "").isEmpty() ? app
        : credentials(env, "REDIS_ADMIN_USERNAME", "REDIS_ADMIN_PASSWORD");
    return new OpsSettings(sentinels, value(env, "REDIS_MASTER_NAME", "mymaster"),
        new Endpoint(value(env, "REDIS_HOST", "127.0.0.1"), (int) number(env, "REDIS_PORT", 6379, 1, 65535)),
        (int) number(env, "REDIS_DB", 0, 0, 15_999), app, sentinel, admin, value(env, "REDIS_QUEUE_PREFIX", "vigil"),
        Duration.ofMillis(number(env, "REDIS_CONNECT_TIMEOUT", 5000, 1, 600_000)));
  }

  public boolean sentinelMode() {
    return !sentinels.isEmpty();
  }

  private static Credentials credentials(Map<String, String> env, String userVariable, String passwordVariable) {
    String user = value(env, userVariable, "");
    String password = value(env, passwordVariable, "");
    if (!user.isEmpty() && password.isEmpty()) {
      throw new IllegalArgumentException(userVariable + " needs " + passwordVariable);
    }
    return new Credentials(user, password);
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
    String raw = value(env, name, "");
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(raw);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + raw);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'");
    }
  }

  @Override
  public String toString() {
    return "OpsSettings[" + (sentinelMode() ? "sentinels=" + sentinels + ", masterName=" + masterName
        : "standalone=" + standalone) + ", db=" + db + ", app=" + app + ", sentinel=" + sentinel + ", admin=" + admin
        + ", prefix=" + prefix + ", timeout=" + timeout.toMillis() + "ms]";
  }
}
