package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Sentinel, reached with the Sentinel credentials: {@link #query} asks for the master and its
 * replicas in one round trip; {@link #watch} keeps a subscription to failover start, switch, end and abort
 * open, re-opened by the next call (the tracker calls it every tick) when lost.
 * A query that fails or times out closes its connection and the subscription: behind a partition that drops
 * packets silently, both would otherwise wait for TCP to retransmit (backing off to 10 s and more) long after
 * the network healed, and every later query would queue behind the unanswered one.
 */
final class SentinelNode {
  private static final Logger log = LoggerFactory.getLogger(SentinelNode.class);
  static final String SWITCH = "+switch-master";
  static final String FAILOVER_START = "+try-failover";
  /** Channels after which a failover is over or was given up: a refresh then lifts the write fence. */
  static final List<String> FAILOVER_DONE = List.of("+failover-end", "+failover-end-for-timeout",
      "-failover-abort-not-elected", "-failover-abort-no-good-slave", "-failover-abort-slave-timeout");
  /** Longest wait for one Sentinel's answer. */
  static final long QUERY_CAP_MS = 1_500;
  private final RedisAddress address;
  private final String masterName;
  private final long queryTimeoutMs;
  private final long connectTimeoutMs;
  private final Vertx vertx;
  private final RedisSettings settings;
  /** Pinned by the subscription. */
  private final Redis client;
  /** For queries; replaced, with its connection, after a failed query. */
  private Redis queries;
  private RedisConnection subscription;
  private boolean subscribing;
  private boolean closed;

  SentinelNode(Vertx vertx, RedisSettings settings, RedisAddress address) {
    this.vertx = vertx;
    this.settings = settings;
    this.address = address;
    this.masterName = settings.masterName();
    // Sentinels answer from memory; a slow one must not hold up the switch the others already report.
    this.queryTimeoutMs = Math.min(settings.connectTimeoutMs(), QUERY_CAP_MS);
    this.connectTimeoutMs = settings.connectTimeoutMs();
    this.client = Redis.createClient(vertx, ClientOptions.sentinel(settings, address, 1));
  }

  RedisAddress address() {
    return address;
  }

  Future<SentinelView> query() {
    Redis used = queryClient();
    if (used == null) {
      return Future.failedFuture(new IllegalStateException("Connection is closed: Sentinel " + address + " closed"));
    }
    return used.batch(List.of(
            Request.cmd(Command.SENTINEL).arg("MASTER").arg(masterName),
            Request.cmd(Command.SENTINEL).arg("REPLICAS").arg(masterName)))
        .timeout(queryTimeoutMs, TimeUnit.MILLISECONDS)
        .onFailure(e -> discard(used, e))
        .map(replies -> SentinelView.of(address, replies.get(0), replies.get(1)));
  }

  private synchronized Redis queryClient() {
    if (queries == null && !closed) {
      queries = Redis.createClient(vertx, ClientOptions.sentinel(settings, address, 1));
    }
    return queries;
  }

  /** Closes the connection a failed query used (closing the client closes it), and the subscription with it. */
  private void discard(Redis used, Throwable error) {
    RedisConnection lost;
    synchronized (this) {
      if (queries != used) {
        return;
      }
      queries = null;
      lost = subscription;
    }
    log.debug("sentinel connections dropped sentinel={} error={}", address, error.toString());
    // Closed once a connect still under way has ended on its own: closing it mid-handshake makes Vert.x log an
    // unhandled "Connection was closed" at ERROR. Nothing uses the client meanwhile.
    vertx.setTimer(connectTimeoutMs, id -> used.close());
    if (lost != null) {
      dropSubscription(lost, "query failed: " + error);
    }
  }

  /** Makes sure a subscription is open; {@code onEvent} gets (channel, body) of events about this master. */
  synchronized void watch(BiConsumer<String, String> onEvent) {
    if (closed || subscribing || subscription != null) {
      return;
    }
    subscribing = true;
    client.connect()
        .compose(conn -> {
          conn.handler(message -> onMessage(message, onEvent));
          conn.exceptionHandler(e -> dropSubscription(conn, e.toString()));
          conn.endHandler(v -> dropSubscription(conn, "connection ended"));
          Request subscribe = Request.cmd(Command.SUBSCRIBE).arg(SWITCH).arg(FAILOVER_START);
          FAILOVER_DONE.forEach(subscribe::arg);
          return conn.send(subscribe)
              .timeout(queryTimeoutMs, TimeUnit.MILLISECONDS)
              .onFailure(e -> conn.close())
              .map(conn);
        })
        .onComplete(ar -> {
          synchronized (this) {
            subscribing = false;
            if (ar.succeeded() && !closed) {
              subscription = ar.result();
              log.debug("sentinel subscription open sentinel={}", address);
            } else if (ar.succeeded()) {
              ar.result().close();
            } else {
              log.debug("sentinel subscription failed sentinel={} error={}", address, ar.cause().toString());
            }
          }
        });
  }

  private void onMessage(Response message, BiConsumer<String, String> onEvent) {
    // RESP2 pub/sub: ["message", channel, body]. Bodies: "+switch-master": "<name> <old-ip> <old-port>
    // <new-ip> <new-port>"; master events: "master <name> <ip> <port>"; replica events end "@ <name> ...".
    if (message == null || message.size() < 3 || !"message".equals(message.get(0).toString())) {
      return;
    }
    String body = message.get(2).toString();
    if (body.startsWith(masterName + " ") || body.startsWith("master " + masterName + " ")
        || body.contains(" @ " + masterName + " ")) {
      onEvent.accept(message.get(1).toString(), body);
    }
  }

  private synchronized void dropSubscription(RedisConnection conn, String reason) {
    if (subscription == conn) {
      subscription = null;
      log.debug("sentinel subscription lost sentinel={} reason={}", address, reason);
    }
    conn.close();
  }

  Future<Void> close() {
    Redis used;
    synchronized (this) {
      closed = true;
      if (subscription != null) {
        subscription.close();
        subscription = null;
      }
      used = queries;
      queries = null;
    }
    return used == null ? client.close() : Future.join(client.close(), used.close()).mapEmpty();
  }
}
