package io.vigil.core.redis;

/**
 * A snapshot of a failover broker's view, for readiness checks and logs. Standalone: epoch and Sentinel
 * counts are 0. {@code replicaAcks}: replicas a durable write waits for now; {@code sentinelQuorum}: the
 * quorum the Sentinels are configured with; {@code lastRefreshError}: why the last topology refresh failed,
 * or null.
 */
public record BrokerStatus(RedisAddress master, long epoch, int replicaAcks, int sentinelsAnswering,
                           int sentinelsConfigured, int sentinelQuorum, String lastRefreshError) {
}
