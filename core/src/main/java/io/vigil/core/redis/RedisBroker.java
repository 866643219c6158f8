package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.error.ScriptFailureException;
import io.vigil.core.error.VigilException;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Broker over a Vert.x {@link Redis} client.
 * 1. Scripts go as EVALSHA; on NOSCRIPT the same call is sent once as EVAL.
 * 2. Every future gets the command timeout; transport failures become RedisUnavailableException.
 * 3. Durable writes pipeline the script and WAIT on one connection and check the replica count.
 */
public class RedisBroker implements Broker {
  private static final int PIPELINED_CONNECTIONS = 2;
  private final Redis redis;
  private final BrokerSettings settings;
  private final PipelinedConnections pipelined;

  public RedisBroker(Redis redis, BrokerSettings settings) {
    this.redis = redis;
    this.settings = settings;
    this.pipelined = new PipelinedConnections(redis, PIPELINED_CONNECTIONS);
  }

  @Override
  public Future<Response> eval(Script script, List<String> keys, List<String> args) {
    return guard(evalOnce(pipelined::send, script, keys, args));
  }

  @Override
  public Future<Response> evalDurable(Script script, List<String> keys, List<String> args) {
    if (settings.minReplicaAcks() == 0) {
      return eval(script, keys, args);
    }
    // WAIT covers the connection's last write; a retried script that writes nothing would pass it at
    // once, so a PUBLISH (replicated like a write) makes the wait meaningful every time.
    Request fence = Request.cmd(Command.PUBLISH).arg(DurableWrite.FENCE_CHANNEL).arg("1");
    Request wait = Request.cmd(Command.WAIT).arg(settings.minReplicaAcks()).arg(settings.replicaAckTimeoutMs());
    return guard(redis.batch(List.of(scriptRequest(Command.EVALSHA, script, keys, args), fence, wait))
        .recover(t -> isNoScript(t)
            ? redis.batch(List.of(scriptRequest(Command.EVAL, script, keys, args), fence, wait))
            : Future.failedFuture(t))
        .compose(this::checkReplicas));
  }

  private Future<Response> checkReplicas(List<Response> replies) {
    long acked = replies.get(2).toLong();
    if (acked < settings.minReplicaAcks()) {
      return Future.failedFuture(new NotDurableException("write reached " + acked + " of "
          + settings.minReplicaAcks() + " replicas within " + settings.replicaAckTimeoutMs() + " ms"));
    }
    return Future.succeededFuture(replies.get(0));
  }

  @Override
  public Future<Response> send(Request request) {
    return guard(redis.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return guard(redis.batch(requests));
  }

  @Override
  public Future<BlockingChannel> openBlockingChannel() {
    return guard(redis.connect()).map(RedisBlockingChannel::new);
  }

  @Override
  public Future<Void> close() {
    pipelined.close();
    redis.close();
    return Future.succeededFuture();
  }

  protected BrokerSettings settings() {
    return settings;
  }

  static Request scriptRequest(Command command, Script script, List<String> keys, List<String> args) {
    Request request = Request.cmd(command).arg(command == Command.EVAL ? script.text() : script.sha1()).arg(keys.size());
    for (String key : keys) {
      request.arg(key);
    }
    for (String arg : args) {
      request.arg(arg);
    }
    return request;
  }

  /** EVALSHA through the given sender, and on NOSCRIPT (a new master's empty cache) the same call once as EVAL. */
  static Future<Response> evalOnce(java.util.function.Function<Request, Future<Response>> sender, Script script,
                                   List<String> keys, List<String> args) {
    return sender.apply(scriptRequest(Command.EVALSHA, script, keys, args))
        .recover(t -> isNoScript(t)
            ? sender.apply(scriptRequest(Command.EVAL, script, keys, args))
            : Future.failedFuture(t));
  }

  static boolean isNoScript(Throwable t) {
    // A batch reports "ERR [i] NOSCRIPT ..." per failed command, a single send plain "NOSCRIPT ...".
    return t.getMessage() != null && TransientErrors.replies(t.getMessage()).stream().anyMatch(r -> r.startsWith("NOSCRIPT"));
  }

  private <T> Future<T> guard(Future<T> future) {
    return future.timeout(settings.commandTimeoutMs(), TimeUnit.MILLISECONDS).recover(RedisBroker::classify);
  }

  /** Keeps typed errors; transport and failover errors become unavailable, anything else a script failure. */
  static <T> Future<T> classify(Throwable t) {
    if (t instanceof VigilException) {
      return Future.failedFuture(t);
    }
    if (TransientErrors.isTransient(t)) {
      return Future.failedFuture(new RedisUnavailableException("Redis unavailable: " + t.getMessage(), t));
    }
    return Future.failedFuture(new ScriptFailureException("Redis refused the command: " + t.getMessage()));
  }

  private final class RedisBlockingChannel implements BlockingChannel {
    private final RedisConnection connection;
    private Future<Response> pendingPop = Future.succeededFuture();

    RedisBlockingChannel(RedisConnection connection) {
      this.connection = connection;
    }

    @Override
    public Future<String> popMarker(String key, long timeoutMs) {
      // BLPOP takes seconds with decimals; the future's own timeout adds slack for the round trip.
      String seconds = String.format(java.util.Locale.ROOT, "%.3f", Math.max(timeoutMs, 1) / 1000.0);
      pendingPop = connection.send(Request.cmd(Command.BLPOP).arg(key).arg(seconds));
      return pendingPop
          .timeout(timeoutMs + settings.commandTimeoutMs(), TimeUnit.MILLISECONDS)
          .map(r -> r == null ? null : r.get(1).toString());
    }

    @Override
    public Future<Void> close() {
      // close() hands a pooled connection back to the pool. A BLPOP still waiting in Redis would then hold
      // up whatever command the pool sends on it next (a worker's complete during shutdown waited for the
      // marker that its own hand-back pushed), so the connection goes back only once that reply arrived.
      pendingPop.onComplete(ar -> connection.close());
      return Future.succeededFuture();
    }
  }
}
