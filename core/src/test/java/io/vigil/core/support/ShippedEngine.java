package io.vigil.core.support;

import io.vertx.core.Vertx;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

/** An engine over the broker the roles ship with (standalone master, retries within a short budget). */
public final class ShippedEngine {
  private ShippedEngine() {}

  public static FailoverBroker broker(Vertx vertx, String host, int port, long commandTimeoutMs) {
    return RedisConnector.connect(vertx, RedisSettings.fromEnv(Map.of("REDIS_HOST", host,
        "REDIS_PORT", Integer.toString(port), "REDIS_COMMAND_TIMEOUT", Long.toString(commandTimeoutMs)))).await();
  }

  /** An engine on the system clock; {@code wrap} may put a fault-injecting broker in front of the shipped one. */
  public static Engine engine(Broker broker, EngineSettings settings, UnaryOperator<Broker> wrap) {
    return Engine.create(wrap.apply(broker), settings, Clock.systemUTC(), true);
  }
}
