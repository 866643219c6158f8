package io.vigil.core.redis;

/**
 * A snapshot of a failover broker's view, for readiness checks and logs.
 *
 * @param master the master commands go to
 * @param epoch its Sentinel config epoch (0 standalone)
 * @param replicaAcks replicas a durable write currently waits for
 * @param sentinelsAnswering Sentinels that answered the last topology refresh (0 standalone)
 * @param sentinelsConfigured Sentinels configured (0 standalone)
 * @param lastRefreshError why the last topology refresh failed, or null when it succeeded
 */
public record BrokerStatus(RedisAddress master, long epoch, int replicaAcks, int sentinelsAnswering,
                           int sentinelsConfigured, String lastRefreshError) {
}
