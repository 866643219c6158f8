package io.vigil.core.redis;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops durable acknowledgements on a master that Sentinel has started to fail over: between
 * {@code +try-failover} and {@code +switch-master} it still takes writes and replicas confirm them, yet a
 * promotion may discard them. From the first sign (the event, or {@code failover_in_progress}) durable
 * writes there are refused and retried; the fence falls with the switch, or once no Sentinel reports a
 * failover and {@link #MIN_MS} passed (one Sentinel that missed the start cannot lift it at once).
 */
final class FailoverFence {
  private static final Logger log = LoggerFactory.getLogger(FailoverFence.class);
  static final long MIN_MS = 1_000;
  private final Clock clock;
  private RedisAddress fenced;
  private long raisedAt;

  FailoverFence(Clock clock) {
    this.clock = clock;
  }

  synchronized void raise(RedisAddress master, String reason) {
    if (!master.equals(fenced)) {
      log.info("durable writes fenced master={} reason={}", master, reason);
      fenced = master;
      raisedAt = clock.millis();
    }
  }

  /** Called with each refresh of the current master; lifts the fence when no failover is reported. */
  synchronized void refreshed(RedisAddress master, boolean failoverInProgress) {
    if (failoverInProgress) {
      raise(master, "a Sentinel reports failover_in_progress");
    } else if (master.equals(fenced) && clock.millis() - raisedAt >= MIN_MS) {
      log.info("durable writes unfenced master={} reason=no failover in progress", master);
      fenced = null;
    }
  }

  /** A switch to another master ends whatever was fenced. */
  synchronized void lift() {
    fenced = null;
  }

  synchronized boolean fences(RedisAddress master) {
    return master.equals(fenced);
  }
}
