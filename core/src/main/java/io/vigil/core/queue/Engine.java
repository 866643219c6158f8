package io.vigil.core.queue;

import io.vigil.core.event.EventReader;
import io.vigil.core.keys.IdGenerator;
import io.vigil.core.redis.Broker;
import java.time.Clock;

/** The queue engine's parts, built over one broker, one settings record and one clock. */
public record Engine(Broker broker, EngineSettings settings, Clock clock, Enqueuer enqueuer,
                     JobTransitions transitions, StalledRecovery recovery, QueueAdmin admin, EventReader events) {

  /** {@code durableFinish}: complete and fail also wait for replicas, so finished work is not redone after a failover. */
  public static Engine create(Broker broker, EngineSettings settings, Clock clock, boolean durableFinish) {
    IdGenerator ids = new IdGenerator(clock);
    QueueKeyCache keys = new QueueKeyCache(settings.prefix());
    return new Engine(broker, settings, clock,
        new Enqueuer(broker, settings, clock, ids, keys),
        new JobTransitions(broker, settings, clock, ids, keys, durableFinish),
        new StalledRecovery(broker, settings, clock, keys),
        new QueueAdmin(broker, settings, clock, keys),
        new EventReader(broker, keys));
  }

  public static Engine create(Broker broker, EngineSettings settings, Clock clock) {
    return create(broker, settings, clock, true);
  }
}
