package io.vigil.core.redis;

/**
 * How the broker talks to Redis.
 *
 * @param commandTimeoutMs every command fails after this long (the client has no timeout of its own)
 * @param minReplicaAcks replicas that must confirm a durable write (WAIT); 0 turns durability off
 * @param replicaAckTimeoutMs how long WAIT may take
 */
public record BrokerSettings(long commandTimeoutMs, int minReplicaAcks, long replicaAckTimeoutMs) {
  public BrokerSettings {
    if (commandTimeoutMs <= 0) {
      throw new IllegalArgumentException("REDIS_COMMAND_TIMEOUT must be > 0, got " + commandTimeoutMs);
    }
    if (minReplicaAcks < 0) {
      throw new IllegalArgumentException("REDIS_MIN_REPLICA_ACKS must be >= 0, got " + minReplicaAcks);
    }
    if (replicaAckTimeoutMs <= 0) {
      throw new IllegalArgumentException("REDIS_REPLICA_ACK_TIMEOUT must be > 0, got " + replicaAckTimeoutMs);
    }
  }

  public static BrokerSettings defaults() {
    return new BrokerSettings(10_000, 0, 500);
  }
}
