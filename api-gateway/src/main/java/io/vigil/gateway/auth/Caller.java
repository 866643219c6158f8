package io.vigil.gateway.auth;

/** Who sent a request: the token's name (never the token), its role and the queues it may use. */
public record Caller(String name, Role role, QueueScope queues) {
  public static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", Role.ADMIN, QueueScope.ANY);
}
