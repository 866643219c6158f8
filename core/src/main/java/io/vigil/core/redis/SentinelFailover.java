package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks the Sentinels for a manual failover, the drill's fault: each in turn, and refusals (INPROG, NOGOODSLAVE:
 * a replica still syncing) again for up to {@code patienceMs} on the monotonic clock (real timers).
 */
public final class SentinelFailover {
  private SentinelFailover() {}

  /** Completes with the Sentinel that accepted. */
  public static Future<RedisAddress> trigger(Vertx vertx, RedisSettings settings, long patienceMs) {
    if (!settings.sentinelMode()) {
      return Future.failedFuture(new IllegalArgumentException("SENTINEL FAILOVER needs REDIS_SENTINELS"));
    }
    Promise<RedisAddress> result = Promise.promise();
    attempt(vertx, settings, 0, System.nanoTime() + patienceMs * 1_000_000, null, result);
    return result.future();
  }

  private static void attempt(Vertx vertx, RedisSettings settings, int index, long deadline, Throwable last,
                              Promise<RedisAddress> result) {
    List<RedisAddress> sentinels = settings.sentinels();
    if (index == sentinels.size()) {
      if (System.nanoTime() - deadline >= 0) {
        result.fail(new IllegalStateException("no Sentinel accepted SENTINEL FAILOVER " + settings.masterName()
            + ": " + (last == null ? "no answer" : last.getMessage())));
      } else {
        Throwable cause = last;
        vertx.setTimer(500, id -> attempt(vertx, settings, 0, deadline, cause, result));
      }
      return;
    }
    RedisAddress address = sentinels.get(index);
    Redis client = Redis.createClient(vertx, ClientOptions.sentinel(settings, address, 1));
    client.send(Request.cmd(Command.SENTINEL).arg("FAILOVER").arg(settings.masterName()))
        .timeout(settings.connectTimeoutMs(), TimeUnit.MILLISECONDS)
        .eventually(client::close)
        .onSuccess(ok -> result.complete(address))
        .onFailure(e -> attempt(vertx, settings, index + 1, deadline, e, result));
  }
}
