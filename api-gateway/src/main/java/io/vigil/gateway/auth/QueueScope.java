package io.vigil.gateway.auth;

import io.vigil.settings.SettingsException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The queue names one token may use: globs where {@code *} matches any run of name characters
 * ({@code reports-*|mail}); {@link #ANY} when the token names none.
 */
public record QueueScope(List<String> patterns, List<Pattern> compiled) {
  public static final QueueScope ANY = new QueueScope(List.of(), List.of());
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*-]{1,128}");

  /** Parses {@code glob|glob...}; {@code tokenName} only names the entry in an error. */
  public static QueueScope parse(String value, String tokenName) {
    List<String> globs = List.of(value.split("\\|", -1));
    for (String glob : globs) {
      if (!GLOB.matcher(glob).matches()) {
        throw new SettingsException(ApiToken.SETTING, "token '" + tokenName + "' has a queue pattern that is not"
            + " 1-128 of [A-Za-z0-9._-] and '*' (patterns are separated by '|')");
      }
    }
    return new QueueScope(globs, globs.stream()
        .map(g -> Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q"))).toList());
  }

  public boolean allows(String queue) {
    return compiled.isEmpty() || (queue != null && compiled.stream().anyMatch(p -> p.matcher(queue).matches()));
  }

  @Override
  public String toString() {
    return patterns.isEmpty() ? "*" : String.join("|", patterns);
  }
}
