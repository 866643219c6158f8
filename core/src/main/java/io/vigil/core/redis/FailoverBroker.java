package io.vigil.core.redis;

import java.util.function.Consumer;

/**
 * A {@link Broker} that follows the Redis master through failovers (see {@link RedisConnector}); calls retry
 * transient failures within the command timeout, then fail with RedisUnavailableException or NotDurableException.
 */
public interface FailoverBroker extends Broker {
  /** Runs after each switch, once the new master answered ROLE as master; on an event loop, must not block. */
  void onMasterChanged(Consumer<MasterChange> listener);

  BrokerStatus status();
}
