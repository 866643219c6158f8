package io.vigil.app;

import io.vigil.settings.SettingsException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

/**
 * {@code VIGIL_CLUSTER_HOST=auto}: the address of this host on the network its cluster members are on, so a
 * container on several networks (the application's and Redis's) binds and advertises the right one. It is the
 * local address the kernel picks to reach the first member that resolves (a connected UDP socket: nothing is sent);
 * without members, this host name's address.
 */
final class OwnClusterAddress {
  private OwnClusterAddress() {}

  static String auto(List<String> members) {
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      try (DatagramSocket probe = new DatagramSocket()) {
        probe.connect(InetAddress.getByName(member.substring(0, colon)), Integer.parseInt(member.substring(colon + 1)));
        InetAddress local = probe.getLocalAddress();
        if (local != null && !local.isAnyLocalAddress()) {
          return local.getHostAddress();
        }
      } catch (IOException | RuntimeException e) {
        // not resolvable (yet) or no route: the next member
      }
    }
    if (!members.isEmpty()) {
      throw new SettingsException("VIGIL_CLUSTER_HOST", "auto: no member of VIGIL_CLUSTER_MEMBERS resolves to an"
          + " address this host can reach: " + members);
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (IOException e) {
      throw new SettingsException("VIGIL_CLUSTER_HOST", "auto: this host's address cannot be resolved: " + e.getMessage());
    }
  }
}
