package io.vigil.sentinelconfig;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The placeholders of the shipped templates and the characters each may hold. The same rules are in
 * {@code sentinel-config/render.sh}; a test renders with both and compares the output.
 *
 * <p>Values are written into config lines unescaped, so the rules keep out quotes, backslashes, line
 * breaks and (for passwords) anything that would need escaping in a {@code redis://user:pass@host} URI.
 */
public final class Placeholders {

  /** Safe in config lines, URIs, .env files and shell. */
  private static final Pattern PASSWORD = Pattern.compile("[-A-Za-z0-9._~]+");

  private static final Pattern NAME = Pattern.compile("[-A-Za-z0-9._]+");
  private static final Pattern HOST = Pattern.compile("[-A-Za-z0-9.:]+");
  private static final Map<String, Pattern> RULES = Map.ofEntries(
      Map.entry("PORT", Pattern.compile("[0-9]+")),
      Map.entry("MASTER_PORT", Pattern.compile("[0-9]+")),
      Map.entry("BIND", Pattern.compile("[-A-Za-z0-9.:* ]+")),
      Map.entry("ANNOUNCE_HOST", HOST),
      Map.entry("MASTER_HOST", HOST),
      Map.entry("DIR", Pattern.compile("[^\"\\\\\r\n]+")),
      Map.entry("LOGFILE", Pattern.compile("[^\"\\\\\r\n]*")),
      Map.entry("ADMIN_PASSWORD", PASSWORD),
      Map.entry("MONITOR_PASSWORD", PASSWORD),
      Map.entry("SENTINEL_PASSWORD", PASSWORD),
      Map.entry("APP_PASSWORD", PASSWORD),
      Map.entry("APP_USER", NAME),
      Map.entry("MONITOR_USER", NAME),
      Map.entry("MASTER_NAME", NAME),
      Map.entry("KEY_PREFIX", Pattern.compile("[A-Za-z0-9][-A-Za-z0-9._]{0,63}")),
      Map.entry("MAXMEMORY", Pattern.compile("[0-9]+([kKmMgG][bB]?)?")));

  private Placeholders() {}

  public static boolean isKnown(String name) {
    return RULES.containsKey(name);
  }

  /** Returns the value, or throws naming the placeholder (never the value: it may be a password). */
  public static String requireValid(String name, String value) {
    Pattern rule = RULES.get(name);
    if (rule == null) {
      throw new IllegalArgumentException("unknown placeholder {{" + name + "}}");
    }
    if (!rule.matcher(value).matches()) {
      throw new IllegalArgumentException("{{" + name + "}} must match " + rule.pattern());
    }
    if (name.endsWith("PORT") && (Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535)) {
      throw new IllegalArgumentException("{{" + name + "}} must be 1..65535, was " + value);
    }
    if (name.endsWith("_USER") && value.equals("default")) {
      throw new IllegalArgumentException("{{" + name + "}} must not be the default user (that would redefine it)");
    }
    return value;
  }
}
