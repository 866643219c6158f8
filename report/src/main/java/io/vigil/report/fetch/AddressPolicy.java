package io.vigil.report.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which addresses a report job may connect to: public unicast only, so a competitor URL (or a
 * redirect) can never reach the host itself, the private network or a cloud metadata service.
 * 1. Resolves the host off the event loop and checks every address it resolves to, not the name.
 * 2. Hands back the address to connect to, so a second lookup cannot answer differently (DNS rebinding).
 * 3. Exempts hosts listed in VIGIL_FETCH_ALLOWED_HOSTS (host or host:port), for tests and local demos.
 */
public record AddressPolicy(Set<String> allowedHosts) {

  /** {@code allowedHosts}: lower-case host names or literals, optionally with ":port" (IPv6 as "[::1]:80"). */
  public AddressPolicy {
    allowedHosts = Set.copyOf(allowedHosts);
  }

  public boolean allowListed(String host, int port) {
    String h = normalize(host);
    String withPort = (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    return allowedHosts.contains(h) || allowedHosts.contains(withPort);
  }

  /** Resolves {@code host} and fails with {@link FetchException} unless every address it has may be contacted. */
  public Future<InetAddress> resolve(Vertx vertx, String host, int port) {
    String h = normalize(host);
    boolean exempt = allowListed(h, port);
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(h);
      } catch (UnknownHostException e) {
        throw new FetchException("host " + h + " could not be resolved");
      }
      if (!exempt) {
        for (InetAddress address : addresses) {
          String reason = refusal(address);
          if (reason != null) {
            throw new FetchException("refused: " + h + " resolves to " + address.getHostAddress() + ", a " + reason
                + " address (not on VIGIL_FETCH_ALLOWED_HOSTS)");
          }
        }
      }
      return addresses[0];
    }, false);
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
    // IPv4 embedded in IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
    // reaches the same IPv4 host, so it gets the IPv4 verdict.
    boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = isZero(b, 0, 12);
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
    if (mapped || compatible || nat64) {
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
