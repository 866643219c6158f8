package io.vigil.app;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The parts a Vigil JVM can run: one, a comma list such as {@code worker,dispatcher}, or {@code all}. */
public enum Role {
  GATEWAY, WORKER, DISPATCHER;

  public static Set<Role> parse(String names) {
    if ("all".equals(names)) {
      return EnumSet.allOf(Role.class);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names.split(",")) {
      roles.add(one(name.trim()));
    }
    return roles;
  }

  private static Role one(String name) {
    for (Role role : values()) {
      if (role.name().toLowerCase(Locale.ROOT).equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "': use gateway, worker, dispatcher (comma-separated) or all");
  }
}
