package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A blocking-wait connection that never outlives its master; used by one consumer at a time, on its context.
 * 1. Before each wait it re-opens the connection after a switch, a failure, or {@link #RECYCLE_MS} (a manual
 *    failover leaves the old master up and silent for ~10 s; a fresh connection is ROLE-checked).
 * 2. A wait cut short because its master was dropped answers null, like a wake-up: the caller fetches at
 *    once, on the new master.
 */
final class RecyclingBlockingChannel implements BlockingChannel {
  static final long RECYCLE_MS = 60_000;
  private final MasterTracker tracker;
  private final FailoverRetry retry;
  private final long commandTimeoutMs;
  private final Clock clock;
  private MasterEndpoint endpoint;
  private RedisConnection connection;
  private Future<?> pendingPop = Future.succeededFuture();
  private long openedAt;
  private boolean closed;

  RecyclingBlockingChannel(MasterTracker tracker, FailoverRetry retry, long commandTimeoutMs, Clock clock) {
    this.tracker = tracker;
    this.retry = retry;
    this.commandTimeoutMs = commandTimeoutMs;
    this.clock = clock;
  }

  /** Retried through a failover like any call. */
  Future<RedisConnection> connect() {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("Connection is closed: channel closed"));
    }
    if (connection != null && endpoint == tracker.current() && !endpoint.closed()
        && clock.millis() - openedAt < RECYCLE_MS) {
      return Future.succeededFuture(connection);
    }
    drop();
    return retry.run(candidate -> candidate.openBlocking().map(conn -> {
      endpoint = candidate;
      connection = conn;
      openedAt = clock.millis();
      return conn;
    }));
  }

  @Override
  public Future<String> popMarker(String key, long timeoutMs) {
    // BLPOP takes seconds with decimals; the future's own timeout adds slack for the round trip.
    String seconds = String.format(Locale.ROOT, "%.3f", Math.max(timeoutMs, 1) / 1000.0);
    return connect()
        .compose(conn -> {
          Future<Response> pop = conn.send(Request.cmd(Command.BLPOP).arg(key).arg(seconds));
          pendingPop = pop;
          return pop.timeout(timeoutMs + commandTimeoutMs, TimeUnit.MILLISECONDS);
        })
        .map(r -> r == null ? (String) null : r.get(1).toString())
        .recover(this::afterFailure);
  }

  private Future<String> afterFailure(Throwable error) {
    MasterEndpoint used = endpoint;
    drop();
    if (!closed && used != null && (used.closed() || used != tracker.current())) {
      return Future.succeededFuture(null);
    }
    if (FailoverRetry.retryable(error)) {
      tracker.refresh(false);
    }
    return ScriptCalls.classify(error);
  }

  /**
   * Hands the connection back to its pool, but only once a BLPOP still waiting in Redis has answered:
   * the pool would otherwise give the next channel a connection whose first reply belongs to that BLPOP.
   */
  private void drop() {
    RedisConnection conn = connection;
    if (conn != null) {
      pendingPop.onComplete(ar -> conn.close());
      connection = null;
    }
    endpoint = null;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    drop();
    return Future.succeededFuture();
  }
}
