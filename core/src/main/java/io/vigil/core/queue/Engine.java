package io.vigil.core.queue;

import io.vigil.core.event.EventReader;
import io.vigil.core.keys.IdGenerator;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.ScriptTime;
import java.time.Clock;

/**
 * The queue engine's parts, built over one broker, one settings record and one clock. Shared times come
 * from Redis inside the scripts ({@link ScriptTime}); the clock serves only this JVM's own decisions.
 */
public record Engine(Broker broker, EngineSettings settings, Clock clock, Enqueuer enqueuer,
                     JobTransitions transitions, StalledRecovery recovery, QueueAdmin admin, EventReader events,
                     QueueRegistry queues) {

  /** {@code durableFinish}: complete and fail also wait for replicas, so finished work is not redone after a failover. */
  public static Engine create(Broker broker, EngineSettings settings, Clock clock, boolean durableFinish) {
    return create(broker, settings, clock, durableFinish, ScriptTime.REDIS);
  }

  /** {@code time}: what scripts add to Redis TIME; {@link ScriptTime#REDIS} except in tests that move time. */
  public static Engine create(Broker broker, EngineSettings settings, Clock clock, boolean durableFinish, ScriptTime time) {
    IdGenerator ids = new IdGenerator(clock);
    QueueKeyCache keys = new QueueKeyCache(settings.prefix());
    return new Engine(broker, settings, clock,
        new Enqueuer(broker, settings, time, ids, keys),
        new JobTransitions(broker, settings, clock, time, ids, keys, durableFinish),
        new StalledRecovery(broker, settings, time, keys),
        new QueueAdmin(broker, settings, time, keys, ids),
        new EventReader(broker, keys),
        new QueueRegistry(broker, settings, keys));
  }
}
