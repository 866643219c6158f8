package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.error.RedisUnavailableException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects Vigil to Redis: standalone, or through Sentinel with separate credentials for Sentinels and
 * data nodes. One thread-safe broker per JVM, built in main (its refresh timer runs on the caller's context)
 * and passed to every verticle; it answers each caller on the caller's own context.
 */
public final class RedisConnector {
  private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);

  private RedisConnector() {}

  /** Finds and ROLE-checks the master, then follows failovers; else fails with RedisUnavailableException. */
  public static Future<FailoverBroker> connect(Vertx vertx, RedisSettings settings) {
    return connect(vertx, settings, Clock.systemUTC());
  }

  /** {@code clock} times refresh gaps, fences and recycling. */
  public static Future<FailoverBroker> connect(Vertx vertx, RedisSettings settings, Clock clock) {
    MasterResolver resolver = settings.sentinelMode() ? new SentinelResolver(vertx, settings)
        : () -> Future.succeededFuture(MasterChoice.fixed(settings.standalone()));
    MasterTracker tracker = new MasterTracker(vertx, clock, settings, resolver);
    log.info("connecting to redis settings={}", settings);
    return tracker.start()
        .<FailoverBroker>map(v -> new FailoverRedisBroker(vertx, clock, settings, tracker))
        .recover(e -> tracker.close().transform(ignored -> Future.failedFuture(
            new RedisUnavailableException("cannot reach the Redis master: " + e.getMessage(), e))));
  }
}
