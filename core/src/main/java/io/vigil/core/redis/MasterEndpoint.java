package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The connections to one master: a pool for ordinary commands and a separate pool for blocking waits,
 * so a blocked BLPOP never holds a connection that other commands need.
 */
final class MasterEndpoint {
  private final RedisAddress address;
  private final long epoch;
  private final Redis commands;
  private final Redis blocking;
  private final long timeoutMs;
  private final PipelinedConnections pipelined;
  private volatile boolean closed;
  private volatile AckQuorum quorum;

  MasterEndpoint(Vertx vertx, RedisSettings settings, RedisAddress address, long epoch) {
    this.address = address;
    this.epoch = epoch;
    this.timeoutMs = settings.connectTimeoutMs();
    this.commands = Redis.createClient(vertx,
        ClientOptions.dataNode(settings, address, settings.maxConnections(), "vigil-commands"));
    this.blocking = Redis.createClient(vertx,
        ClientOptions.dataNode(settings, address, settings.maxBlockingConnections(), "vigil-blocking"));
    // Half the pool carries pipelined scripts; the rest serves batches (durable writes) and plain commands.
    this.pipelined = new PipelinedConnections(commands, Math.max(1, settings.maxConnections() / 2));
    this.quorum = new AckQuorum(settings.replicaAcks().fixed(), Set.of(), settings.replicaAcks().automatic());
  }

  /** Kept on the endpoint so a write judges a master's replies by that master's replicas, never the next one's. */
  AckQuorum quorum() {
    return quorum;
  }

  void quorum(AckQuorum next) {
    this.quorum = next;
  }

  PipelinedConnections pipelined() {
    return pipelined;
  }

  RedisAddress address() {
    return address;
  }

  long epoch() {
    return epoch;
  }

  Redis commands() {
    return commands;
  }

  boolean closed() {
    return closed;
  }

  /** Fails unless the node says it is a master: Sentinel's answer may be stale, ROLE is the node's own word. */
  Future<Void> verifyRole() {
    return commands.send(Request.cmd(Command.ROLE)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .compose(this::requireMaster);
  }

  /** Opens pooled connections now, so the first commands after a switch do not pay for them. */
  Future<Void> warm(int count) {
    List<Future<RedisConnection>> opened = IntStream.range(0, count)
        .mapToObj(i -> commands.connect().timeout(timeoutMs, TimeUnit.MILLISECONDS)).toList();
    // Closing a pooled connection hands it back to the pool, still open.
    return Future.join(opened).eventually(() -> {
      opened.stream().filter(Future::succeeded).forEach(f -> f.result().close());
      return Future.succeededFuture();
    }).mapEmpty();
  }

  Future<RedisConnection> openBlocking() {
    return blocking.connect().timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .compose(conn -> conn.send(Request.cmd(Command.ROLE)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
            .compose(this::requireMaster)
            .map(conn)
            .onFailure(e -> conn.close()));
  }

  /**
   * Stops using this master: blocking waits end at once (the old master will never wake them), while
   * commands already sent get {@code graceMs} to answer. Cutting them would lose replies to writes that
   * did happen, and a fetch whose reply is lost leaves its job leased to nobody until the lease expires.
   */
  void retire(Vertx vertx, long graceMs) {
    closed = true;
    blocking.close();
    vertx.setTimer(Math.max(1, graceMs), id -> {
      pipelined.close();
      commands.close();
    });
  }

  void close() {
    closed = true;
    pipelined.close();
    commands.close();
    blocking.close();
  }

  private Future<Void> requireMaster(Response role) {
    String name = role == null || role.size() == 0 ? "unknown" : role.get(0).toString();
    if (!"master".equals(name)) {
      return Future.failedFuture(new IllegalStateException("READONLY " + address + " reports role " + name
          + ", not master"));
    }
    return Future.succeededFuture();
  }

  @Override
  public String toString() {
    return address + "@" + epoch;
  }
}
