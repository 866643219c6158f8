package io.vigil.gateway.events;

import io.vertx.core.Future;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import java.util.List;

/**
 * The Redis lease that makes one gateway in the cluster the event relay: taken when free, renewed by
 * its holder (holdLease script, compare-and-renew on a token), released on a clean stop.
 */
public record RelayLease(Broker broker, String prefix, String token, long leaseMs) {
  /** RENEWED: held without a gap since the last call; TAKEN: held now, but someone else may have held it between. */
  public enum Hold { RENEWED, TAKEN, HELD_BY_OTHER }

  public Future<Hold> hold() {
    return broker.eval(Script.HOLD_LEASE, List.of(QueueKeys.relayLeaseKey(prefix)),
            List.of(token, Long.toString(leaseMs)))
        .map(reply -> switch (reply.toInteger()) {
          case 2 -> Hold.RENEWED;
          case 1 -> Hold.TAKEN;
          default -> Hold.HELD_BY_OTHER;
        });
  }

  /** Gives the lease up at once if this process holds it, so another gateway takes over on its next tick. */
  public Future<Void> release() {
    return broker.eval(Script.HOLD_LEASE, List.of(QueueKeys.relayLeaseKey(prefix)), List.of(token, "0")).mapEmpty();
  }
}
