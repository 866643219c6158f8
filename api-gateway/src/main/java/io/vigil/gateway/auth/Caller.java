package io.vigil.gateway.auth;

/** Who sent a request: the token's name (never the token) and its role. */
public record Caller(String name, Role role) {
  public static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", Role.ADMIN);
}
