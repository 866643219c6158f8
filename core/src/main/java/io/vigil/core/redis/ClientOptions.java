package io.vigil.core.redis;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;

/** Builds the Vert.x client options Vigil uses for data nodes and for Sentinels (each with its own credentials). */
final class ClientOptions {
  private ClientOptions() {}

  static RedisOptions dataNode(RedisSettings s, RedisAddress address, int poolSize, String poolName) {
    return base(s, poolSize, poolName, false).setConnectionString(address.uri(s.tls().scheme(false), s.db()))
        .setUser(s.username()).setPassword(s.password());
  }

  /** Sentinels have no databases. */
  static RedisOptions sentinel(RedisSettings s, RedisAddress address, int poolSize) {
    return base(s, poolSize, "vigil-sentinel", true).setConnectionString(address.uri(s.tls().scheme(true), -1))
        .setUser(s.sentinelUsername()).setPassword(s.sentinelPassword());
  }

  private static RedisOptions base(RedisSettings s, int poolSize, String poolName, boolean sentinel) {
    NetClientOptions net = new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, s.connectTimeoutMs()))
        // Keepalive notices a peer that vanished without a FIN (host down, cable cut) on idle connections.
        .setTcpKeepAlive(true)
        .setTcpNoDelay(true);
    s.tls().apply(net, sentinel);
    return new RedisOptions()
        .setNetClientOptions(net)
        .setMaxPoolSize(poolSize)
        .setMaxPoolWaiting(poolSize * 64)
        .setPoolName(poolName)
        // RESP2 without HELLO: uniform flat replies, and one command fewer for a minimal ACL user.
        .setProtocolNegotiation(false)
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
  }
}
