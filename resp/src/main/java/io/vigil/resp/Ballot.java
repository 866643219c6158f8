package io.vigil.resp;

/**
 * What one Sentinel says about the monitored master, as far as the vote needs it.
 * @param <A> the address type of the transport that asked (core's RedisAddress, this module's Endpoint)
 * @param master the master this Sentinel names
 * @param epoch its config epoch; a higher epoch is a later failover
 * @param failoverInProgress its master flags hold {@code failover_in_progress}
 */
public record Ballot<A>(A master, long epoch, boolean failoverInProgress) {
}
