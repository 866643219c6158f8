package io.vigil.core.redis;

import java.util.function.Consumer;

/**
 * A {@link Broker} that follows the Redis master through failovers (see {@link RedisConnector}).
 * Calls retry transient failures within the command timeout; only then do they fail with
 * RedisUnavailableException (or NotDurableException when replicas did not confirm a durable write).
 */
public interface FailoverBroker extends Broker {

  /**
   * Registers a listener run after each switch to a new master, once that master answered ROLE as master
   * (the worker wires reconciliation here). Listeners run on an event loop and must not block.
   */
  void onMasterChanged(Consumer<MasterChange> listener);

  /** What the broker knows right now, for health checks and logs. */
  BrokerStatus status();
}
