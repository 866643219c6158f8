package io.vigil.gateway.auth;

import io.vigil.settings.SettingsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One API credential from {@code VIGIL_API_TOKENS}: a name for logs, the secret, its role and the queues it
 * may use.
 * {@link #toString()} never shows the secret.
 */
public record ApiToken(String name, String token, Role role, QueueScope queues) {
  public static final String SETTING = "VIGIL_API_TOKENS";
  public static final int MIN_TOKEN_LENGTH = 16;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");

  public ApiToken {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SettingsException(SETTING, "token name must match " + NAME.pattern());
    }
    if (token == null || token.length() < MIN_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
      throw new SettingsException(SETTING, "token of '" + name + "' must be at least " + MIN_TOKEN_LENGTH
          + " characters of [A-Za-z0-9._~+/=-]");
    }
    if (role == null) {
      throw new SettingsException(SETTING, "token '" + name + "' needs a role (read, submit or admin)");
    }
    if (queues == null) {
      queues = QueueScope.ANY;
    }
  }

  public ApiToken(String name, String token, Role role) {
    this(name, token, role, QueueScope.ANY);
  }

  /**
   * Parses {@code name:token:role[:queue-patterns][,...]}; blank gives an empty list. Queue patterns are globs
   * separated by {@code |} ({@code reports-*|mail}); without them the token may use every queue.
   */
  public static List<ApiToken> parseList(String value) {
    List<ApiToken> tokens = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return tokens;
    }
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (String entry : value.split(",")) {
      String[] parts = entry.trim().split(":", -1);
      if (parts.length != 3 && parts.length != 4) {
        // Only the entry's position is reported: the entry holds a secret.
        throw new SettingsException(SETTING, "entry " + (tokens.size() + 1)
            + " is not name:token:role or name:token:role:queue-patterns");
      }
      Role role = Role.fromWire(parts[2]);
      if (role == null) {
        // The value is not echoed: a swapped entry (name:role:token) would print the token.
        throw new SettingsException(SETTING, "token '" + parts[0] + "' has an unknown role (read, submit or admin;"
            + " the value given is not shown)");
      }
      ApiToken token = new ApiToken(parts[0], parts[1], role,
          parts.length == 4 ? QueueScope.parse(parts[3], parts[0]) : QueueScope.ANY);
      if (!names.add(token.name()) || !secrets.add(token.token())) {
        throw new SettingsException(SETTING, "token names and tokens must be unique ('" + token.name() + "')");
      }
      tokens.add(token);
    }
    return tokens;
  }

  @Override
  public String toString() {
    return "ApiToken[" + name + ", " + role.wireName() + ", queues=" + queues + ", token=***]";
  }
}
