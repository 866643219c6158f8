package io.vigil.app;

import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a JVM joins the Vert.x cluster; clustering is on when VIGIL_CLUSTER_MEMBERS is set.
 *
 * @param members Hazelcast TCP-IP members (host:port), no multicast
 * @param host the address this member binds (only that interface) and advertises (Hazelcast and event bus)
 * @param port this member's Hazelcast port
 * @param eventBusPort this member's event-bus port (0 = any free port)
 * @param secret VIGIL_CLUSTER_SECRET, required when clustered: a member must know it to join
 * @param tls VIGIL_CLUSTER_TLS_*: mutual TLS on the event bus
 */
public record ClusterSettings(List<String> members, String host, int port, int eventBusPort, String name,
                              String secret, EventBusTls tls) {
  static final int MIN_SECRET_LENGTH = 16;

  public ClusterSettings {
    members = List.copyOf(members);
    tls = tls == null ? EventBusTls.OFF : tls;
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      SettingsException.require(colon > 0 && member.substring(colon + 1).matches("\\d{1,5}"), "VIGIL_CLUSTER_MEMBERS",
          "entries must be host:port, got '" + member + "'");
    }
    SettingsException.require(host != null && !host.isBlank(), "VIGIL_CLUSTER_HOST", "must not be empty");
    SettingsException.require(port >= 1 && port <= 65535, "VIGIL_CLUSTER_PORT", "must be a port number, got " + port);
    SettingsException.require(eventBusPort >= 0 && eventBusPort <= 65535, "VIGIL_EVENTBUS_PORT",
        "must be a port number (0 = any), got " + eventBusPort);
    SettingsException.require(name != null && name.matches("[A-Za-z0-9._-]{1,64}"), "VIGIL_CLUSTER_NAME",
        "must be 1-64 letters, digits, '.', '_' or '-'");
    SettingsException.require(members.isEmpty() || (secret != null && secret.length() >= MIN_SECRET_LENGTH),
        "VIGIL_CLUSTER_SECRET", "must be set, at least " + MIN_SECRET_LENGTH + " characters, when VIGIL_CLUSTER_MEMBERS is");
  }

  public boolean enabled() {
    return !members.isEmpty();
  }

  /**
   * The name members compare on join: the configured name and a keyed digest of the secret. Hazelcast
   * (open source) refuses a member whose cluster name differs; the secret itself never leaves the JVM.
   */
  String joinName() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("vigil-cluster:" + name).getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  public static ClusterSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    List<String> members = r.list("VIGIL_CLUSTER_MEMBERS", "");
    String host = r.string("VIGIL_CLUSTER_HOST", "127.0.0.1");
    return new ClusterSettings(members, "auto".equals(host) ? OwnClusterAddress.auto(members) : host,
        r.integer("VIGIL_CLUSTER_PORT", 5701), r.integer("VIGIL_EVENTBUS_PORT", 0),
        r.string("VIGIL_CLUSTER_NAME", "vigil"), r.secret("VIGIL_CLUSTER_SECRET"), EventBusTls.fromEnv(r));
  }

  @Override
  public String toString() {
    return "ClusterSettings[members=" + members + ", host=" + host + ", port=" + port + ", eventBusPort=" + eventBusPort
        + ", name=" + name + ", secret=" + (secret == null ? "none" : "***") + ", eventBusTls=" + tls.enabled() + "]";
  }
}
