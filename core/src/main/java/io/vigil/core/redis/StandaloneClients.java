package io.vigil.core.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** Builds a pooled client for one standalone Redis (tests, benchmarks, single-node deployments). */
public final class StandaloneClients {
  private StandaloneClients() {}

  public static Redis create(Vertx vertx, String connectionString, int maxPoolSize) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(connectionString)
        .setMaxPoolSize(maxPoolSize)
        .setMaxPoolWaiting(maxPoolSize * 64)
        // RESP2 keeps replies uniform: HGETALL and script replies are both flat arrays.
        .setPreferredProtocolVersion(ProtocolVersion.RESP2));
  }

  public static Broker broker(Vertx vertx, String connectionString, int maxPoolSize, BrokerSettings settings) {
    return new RedisBroker(create(vertx, connectionString, maxPoolSize), settings);
  }
}
