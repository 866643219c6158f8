package io.vigil.core.redis;

import java.util.Set;

/**
 * What a durable write must collect on one master, one value so a write never mixes the count of one
 * master with the trusted replicas ({@code ip:port}) of another. {@code count} 0 turns the wait off;
 * {@code trusted} applies only when {@code automatic} (REDIS_MIN_REPLICA_ACKS=auto).
 */
record AckQuorum(int count, Set<String> trusted, boolean automatic) {
  AckQuorum {
    trusted = Set.copyOf(trusted);
  }
}
