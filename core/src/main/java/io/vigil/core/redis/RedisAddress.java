package io.vigil.core.redis;

/** A Redis or Sentinel node as {@code host:port} (IPv6 hosts in brackets: {@code [::1]:26379}). */
public record RedisAddress(String host, int port) {
  public RedisAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
  }

  /** Parses {@code host:port} or {@code [v6]:port}; the message says what was wrong, the caller adds the setting. */
  public static RedisAddress parse(String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("'" + s + "' is not host:port");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + s + "': write IPv6 hosts as [address]:port");
    }
    try {
      return new RedisAddress(host, Integer.parseInt(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' has no numeric port");
    }
  }

  /** The form Vert.x connection strings want, without credentials; {@code db} -1 for none (Sentinels). */
  public String uri(String scheme, int db) {
    return scheme + "://" + this + (db < 0 ? "" : "/" + db);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
