package io.vigil.app;

import io.vigil.core.config.EnvReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a JVM joins the Vert.x cluster; clustering is on when VIGIL_CLUSTER_MEMBERS is set.
 *
 * @param members Hazelcast TCP-IP members (host:port), no multicast
 * @param host the address this member binds and advertises (Hazelcast and event bus)
 * @param port this member's Hazelcast port
 * @param eventBusPort this member's event-bus port (0 = any free port)
 */
public record ClusterSettings(List<String> members, String host, int port, int eventBusPort, String name) {

  public ClusterSettings {
    members = List.copyOf(members);
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || !member.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException("VIGIL_CLUSTER_MEMBERS entries must be host:port, got '" + member + "'");
      }
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("VIGIL_CLUSTER_HOST must not be empty");
    }
    requirePort("VIGIL_CLUSTER_PORT", port, false);
    requirePort("VIGIL_EVENTBUS_PORT", eventBusPort, true);
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("VIGIL_CLUSTER_NAME must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }

  public boolean enabled() {
    return !members.isEmpty();
  }

  public static ClusterSettings fromEnv(Map<String, String> env) {
    List<String> members = new ArrayList<>();
    for (String part : env.getOrDefault("VIGIL_CLUSTER_MEMBERS", "").split(",")) {
      if (!part.isBlank()) {
        members.add(part.trim());
      }
    }
    return new ClusterSettings(members, host(env.getOrDefault("VIGIL_CLUSTER_HOST", "127.0.0.1").trim()),
        integer(env, "VIGIL_CLUSTER_PORT", 5701), integer(env, "VIGIL_EVENTBUS_PORT", 0),
        env.getOrDefault("VIGIL_CLUSTER_NAME", "vigil").trim());
  }

  /** {@code auto}: this host's own address, for containers whose address is only known at start. */
  private static String host(String configured) {
    if (!"auto".equals(configured)) {
      return configured;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("VIGIL_CLUSTER_HOST=auto: this host's address cannot be resolved: " + e.getMessage());
    }
  }

  static int integer(Map<String, String> env, String name, int fallback) {
    return new EnvReader(env).integer(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  private static void requirePort(String name, int port, boolean zeroAllowed) {
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new IllegalArgumentException(name + " must be a port number" + (zeroAllowed ? " (0 = any)" : "") + ", got " + port);
    }
  }
}
