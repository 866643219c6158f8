package io.vigil.report;

import static io.vigil.settings.SettingsException.require;

import io.vigil.report.fetch.AddressPolicy;
import io.vigil.settings.EnvReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How report jobs fetch pages and how long project reports are kept (the VIGIL_FETCH_* and VIGIL_REPORT_*
 * variables of the README); validated once, each error names its variable.
 */
public record ReportSettings(Set<String> allowedHosts, long connectTimeoutMs, long readTimeoutMs, long totalTimeoutMs,
                             int maxBytes, int maxRedirects, int maxCompetitors, long keepMs) {
  private static final long DAY_MS = 24L * 3600 * 1000;
  /** [v6]:port | [v6] | bare v6 (two or more ':') | host[:port] */
  private static final Pattern HOST_ENTRY = Pattern.compile(
      "\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?|([0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)|([A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

  public ReportSettings {
    allowedHosts = Set.copyOf(allowedHosts);
    require(connectTimeoutMs > 0, "VIGIL_FETCH_CONNECT_TIMEOUT_MS", "must be > 0");
    require(readTimeoutMs > 0, "VIGIL_FETCH_READ_TIMEOUT_MS", "must be > 0");
    require(totalTimeoutMs > 0, "VIGIL_FETCH_TOTAL_TIMEOUT_MS", "must be > 0");
    require(maxBytes >= 1024 && maxBytes <= 64 * 1024 * 1024, "VIGIL_FETCH_MAX_BYTES", "must be between 1024 and 67108864");
    require(maxRedirects >= 0 && maxRedirects <= 20, "VIGIL_FETCH_MAX_REDIRECTS", "must be between 0 and 20");
    require(maxCompetitors >= 1 && maxCompetitors <= 200, "VIGIL_REPORT_MAX_COMPETITORS", "must be between 1 and 200");
    require(keepMs >= 0, "VIGIL_REPORT_KEEP_DAYS", "must be >= 0");
  }

  public static ReportSettings defaults() {
    return new ReportSettings(Set.of(), 5_000, 10_000, 30_000, 1024 * 1024, 5, 25, 90 * DAY_MS);
  }

  public static ReportSettings fromEnv(Map<String, String> env) {
    ReportSettings d = defaults();
    EnvReader r = new EnvReader(env);
    return new ReportSettings(r.parsed("VIGIL_FETCH_ALLOWED_HOSTS", Set.of(), ReportSettings::parseHosts),
        r.wholeNumber("VIGIL_FETCH_CONNECT_TIMEOUT_MS", d.connectTimeoutMs),
        r.wholeNumber("VIGIL_FETCH_READ_TIMEOUT_MS", d.readTimeoutMs),
        r.wholeNumber("VIGIL_FETCH_TOTAL_TIMEOUT_MS", d.totalTimeoutMs),
        r.integer("VIGIL_FETCH_MAX_BYTES", d.maxBytes),
        r.integer("VIGIL_FETCH_MAX_REDIRECTS", d.maxRedirects),
        r.integer("VIGIL_REPORT_MAX_COMPETITORS", d.maxCompetitors),
        r.wholeNumber("VIGIL_REPORT_KEEP_DAYS", d.keepMs / DAY_MS, 0, Long.MAX_VALUE / DAY_MS) * DAY_MS);
  }

  /**
   * Canonical entries: lower-cased hosts without a trailing dot, as "host", "host:port", "v6" or "[v6]:port";
   * a malformed entry fails saying which (the reader adds the variable).
   */
  static Set<String> parseHosts(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(ReportSettings::canonicalHost)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String canonicalHost(String entry) {
    Matcher m = HOST_ENTRY.matcher(entry);
    if (!m.matches()) {
      throw new IllegalArgumentException("entries are host or host:port, got '" + entry + "'");
    }
    String v6 = m.group(1) != null ? m.group(1) : m.group(3);
    String host = AddressPolicy.normalize(v6 != null ? v6 : m.group(4));
    String port = m.group(2) != null ? m.group(2) : m.group(5);
    if (port == null) {
      return host;
    }
    return (v6 != null ? "[" + host + "]" : host) + ":" + port;
  }
}
