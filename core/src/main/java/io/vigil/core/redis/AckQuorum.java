package io.vigil.core.redis;

import java.util.Set;

/**
 * What a durable write must collect on the current master, read as one value so a write never mixes
 * the count of one master with the trusted replicas of another.
 *
 * @param count replicas that must confirm (WAIT n); 0 turns the wait off
 * @param trusted replicas ({@code ip:port}) whose confirmations count under automatic acks; empty otherwise
 * @param automatic whether {@code trusted} applies (REDIS_MIN_REPLICA_ACKS=auto)
 */
record AckQuorum(int count, Set<String> trusted, boolean automatic) {
  AckQuorum {
    trusted = Set.copyOf(trusted);
  }
}
