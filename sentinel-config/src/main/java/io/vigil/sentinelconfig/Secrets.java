package io.vigil.sentinelconfig;

/**
 * The credentials a topology's files hold. A null password leaves its lines out of the rendered files
 * (only the test kit's password-less topologies do that; production sets all of them).
 *
 * @param adminPassword the data nodes' default user: requirepass, masterauth, backups and doctor
 * @param monitorPassword the user Sentinel logs in to data nodes with ({@link #MONITOR_USER})
 * @param sentinelPassword the Sentinels' default user (they also use it with each other)
 * @param appUser the application's ACL user, on data nodes and Sentinels alike
 * @param appPassword its password; the Vert.x client sends the same credential to both tiers
 */
public record Secrets(String adminPassword, String monitorPassword, String sentinelPassword, String appUser,
    String appPassword) {

  public static final String MONITOR_USER = "vigil-sentinel";

  public Secrets {
    check("ADMIN_PASSWORD", adminPassword);
    check("MONITOR_PASSWORD", monitorPassword);
    check("SENTINEL_PASSWORD", sentinelPassword);
    check("APP_USER", appUser);
    check("APP_PASSWORD", appPassword);
    if ((appUser == null) != (appPassword == null)) {
      throw new IllegalArgumentException("the application user and its password are set together or not at all");
    }
  }

  public static Secrets none() {
    return new Secrets(null, null, null, null, null);
  }

  /** The monitoring user's name, or null when Sentinel logs in without a password. */
  public String monitorUser() {
    return monitorPassword == null ? null : MONITOR_USER;
  }

  private static void check(String name, String value) {
    if (value != null) {
      Placeholders.requireValid(name, value);
    }
  }

  @Override
  public String toString() {
    return "Secrets[adminPassword=" + redact(adminPassword) + ", monitorPassword=" + redact(monitorPassword)
        + ", sentinelPassword=" + redact(sentinelPassword) + ", appUser=" + appUser + ", appPassword="
        + redact(appPassword) + "]";
  }

  private static String redact(String secret) {
    return secret == null ? "none" : "***";
  }
}
