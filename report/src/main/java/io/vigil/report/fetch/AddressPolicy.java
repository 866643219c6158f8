package io.vigil.report.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which addresses a report job may connect to: public unicast only, so a competitor URL (or a
 * redirect) can never reach the host itself, the private network or a cloud metadata service.
 * 1. Resolves the host off the event loop and checks every address it resolves to, not the name.
 * 2. Hands back the address to connect to, so a second lookup cannot answer differently (DNS rebinding).
 * 3. Only ports 80 and 443, except for {@code host:port} entries of VIGIL_FETCH_ALLOWED_HOSTS.
 * 4. Exempts allow-listed hosts (a {@code host} entry for ports 80/443, a {@code host:port} entry for that port)
 *    only when the caller says the hop may be exempt: never on a redirect from a host that is not listed.
 * 5. Every refusal says the same {@link #REFUSED} (an unknown name too): the caller of a report job learns
 *    nothing about internal names or addresses; the reason goes to the log.
 */
public record AddressPolicy(Set<String> allowedHosts) {
  public static final String REFUSED = "refused: this host may not be fetched (or could not be resolved)";
  private static final Logger LOG = LoggerFactory.getLogger(AddressPolicy.class);

  /** {@code allowedHosts}: lower-case host names or literals, optionally with ":port" (IPv6 as "[::1]:80"). */
  public AddressPolicy {
    allowedHosts = Set.copyOf(allowedHosts);
  }

  /** A {@code host:port} entry for this port, or a {@code host} entry and port 80 or 443. */
  public boolean allowListed(String host, int port) {
    String h = normalize(host);
    String withPort = (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    return allowedHosts.contains(withPort) || (allowedHosts.contains(h) && webPort(port));
  }

  private static boolean webPort(int port) {
    return port == 80 || port == 443;
  }

  /**
   * Resolves {@code host} and fails with {@link FetchException} ({@link #REFUSED}) unless the port and every
   * address the name has may be contacted; {@code exemptable}: whether the allow-list applies to this hop.
   */
  public Future<InetAddress> resolve(Vertx vertx, String host, int port, boolean exemptable) {
    String h = normalize(host);
    boolean exempt = exemptable && allowListed(h, port);
    if (!exempt && !webPort(port)) {
      return Future.failedFuture(refused(h, port, "port not 80/443 and not listed as host:port"));
    }
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(h);
      } catch (UnknownHostException e) {
        throw refused(h, port, "unresolvable");
      }
      if (!exempt) {
        for (InetAddress address : addresses) {
          String reason = refusal(address);
          if (reason != null) {
            throw refused(h, port, address.getHostAddress() + " is " + reason
                + (exemptable ? "" : " (reached by a redirect from an unlisted host)"));
          }
        }
      }
      return addresses[0];
    }, false);
  }

  private static FetchException refused(String host, int port, String why) {
    LOG.info("fetch=refused host={} port={} reason={}", host, port, why);
    return new FetchException(REFUSED);
  }

  /** Why this address must not be contacted, or null when it is public unicast. */
  public static String refusal(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return refusalV4(b);
    }
    if (address instanceof Inet6Address) {
      return refusalV6(b);
    }
    return "unknown kind of";
  }

  private static String refusalV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    int a3 = b[3] & 0xff;
    if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
      return "cloud metadata";
    }
    if (a0 == 0) {
      return "unspecified";
    }
    if (a0 == 127) {
      return "loopback";
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return "private";
    }
    if (a0 == 169 && a1 == 254) {
      return "link-local";
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return "shared (CGNAT)";
    }
    if (a0 >= 224 && a0 <= 239) {
      return "multicast";
    }
    if (a0 >= 240) {
      return "reserved or broadcast";
    }
    if ((a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
      return "reserved";
    }
    return null;
  }

  private static String refusalV6(byte[] b) {
    if (isZero(b, 0, 16)) {
      return "unspecified";
    }
    if (isZero(b, 0, 15) && b[15] == 1) {
      return "loopback";
    }
    if (b[0] == (byte) 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == (byte) 0xc2 && isZero(b, 4, 14)
        && b[14] == 0x02 && b[15] == 0x54) {
      return "cloud metadata";
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return "private";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return "link-local";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return "private (site-local)";
    }
    if ((b[0] & 0xff) == 0xff) {
      return "multicast";
    }
    // Translated or tunnelled: the far end is decided elsewhere (local-use NAT64, Teredo, IPv4-mapped).
    if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
      return "NAT64 local-use";
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
      return "Teredo";
    }
    if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return "IPv4-mapped";
    }
    // IPv4 embedded in IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
    // reaches the same IPv4 host, so it gets the IPv4 verdict.
    boolean compatible = isZero(b, 0, 12);
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
    if (compatible || nat64) {
      return refusalV4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return refusalV4(new byte[] {b[2], b[3], b[4], b[5]});
    }
    return null;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Lower case, no IPv6 brackets, no trailing dot: the form allow-list entries are compared in. */
  public static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
