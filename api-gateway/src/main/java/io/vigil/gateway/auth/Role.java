package io.vigil.gateway.auth;

import java.util.Arrays;
import java.util.Locale;

/** What a token may do; each role includes the ones below it (read &lt; submit &lt; admin). */
public enum Role {
  READ, SUBMIT, ADMIN;

  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read}, {@code submit} or {@code admin}; null when the name is none of them. */
  public static Role fromWire(String name) {
    return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst().orElse(null);
  }
}
