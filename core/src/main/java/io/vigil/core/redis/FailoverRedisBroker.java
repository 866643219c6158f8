package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker {@link RedisConnector} hands out: every call runs through {@link FailoverRetry} against the
 * master {@link MasterTracker} currently trusts.
 * 1. Scripts go as EVALSHA, and once as EVAL on NOSCRIPT (a promoted replica has an empty script cache).
 * 2. Durable writes pipeline script, fence and WAIT on one connection; fewer acks than required is a
 *    NotDurableException, retried like a transient error until the budget is spent.
 * 3. Blocking waits get their own connections from a separate pool, recycled on a switch.
 */
final class FailoverRedisBroker implements FailoverBroker {
  /**
   * PUBLISH to this channel before WAIT. WAIT counts acks for the connection's own last write; a retried
   * script that finds its work done writes nothing, and a pooled connection that never wrote would then
   * pass WAIT at once. PUBLISH is replicated, so it moves the connection's offset to "now", and WAIT then
   * covers every earlier write, including the first attempt's.
   */
  static final String FENCE_CHANNEL = "vigil:wait-fence";
  private static final Logger log = LoggerFactory.getLogger(FailoverRedisBroker.class);
  private final RedisSettings settings;
  private final MasterTracker tracker;
  private final FailoverRetry retry;

  FailoverRedisBroker(Vertx vertx, RedisSettings settings, MasterTracker tracker) {
    this.settings = settings;
    this.tracker = tracker;
    this.retry = new FailoverRetry(vertx, tracker, settings.commandTimeoutMs());
  }

  @Override
  public Future<Response> eval(Script script, List<String> keys, List<String> args) {
    return retry.run(endpoint -> evalOnce(endpoint.commands(), script, keys, args));
  }

  @Override
  public Future<Response> evalDurable(Script script, List<String> keys, List<String> args) {
    return retry.run(endpoint -> {
      int acks = tracker.replicaAcks();
      return acks == 0 ? evalOnce(endpoint.commands(), script, keys, args)
          : durableOnce(endpoint, acks, script, keys, args);
    });
  }

  @Override
  public Future<Response> send(Request request) {
    return retry.run(endpoint -> endpoint.commands().send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return retry.run(endpoint -> endpoint.commands().batch(requests));
  }

  @Override
  public Future<BlockingChannel> openBlockingChannel() {
    RecyclingBlockingChannel channel = new RecyclingBlockingChannel(tracker, retry, settings.commandTimeoutMs());
    return channel.connect().map(channel);
  }

  @Override
  public void onMasterChanged(Consumer<MasterChange> listener) {
    tracker.onMasterChanged(listener);
  }

  @Override
  public BrokerStatus status() {
    return tracker.status();
  }

  @Override
  public Future<Void> close() {
    return tracker.close();
  }

  private static Future<Response> evalOnce(Redis redis, Script script, List<String> keys, List<String> args) {
    return redis.send(RedisBroker.scriptRequest(Command.EVALSHA, script, keys, args))
        .recover(t -> RedisBroker.isNoScript(t)
            ? redis.send(RedisBroker.scriptRequest(Command.EVAL, script, keys, args))
            : Future.failedFuture(t));
  }

  private Future<Response> durableOnce(MasterEndpoint endpoint, int acks, Script script, List<String> keys,
                                       List<String> args) {
    Redis redis = endpoint.commands();
    Request fence = Request.cmd(Command.PUBLISH).arg(FENCE_CHANNEL).arg("1");
    Request wait = Request.cmd(Command.WAIT).arg(acks).arg(settings.replicaAckTimeoutMs());
    return redis.batch(List.of(RedisBroker.scriptRequest(Command.EVALSHA, script, keys, args), fence, wait))
        .recover(t -> RedisBroker.isNoScript(t)
            ? redis.batch(List.of(RedisBroker.scriptRequest(Command.EVAL, script, keys, args), fence, wait))
            : Future.failedFuture(t))
        .compose(replies -> {
          long acked = replies.get(2).toLong();
          if (acked < acks) {
            log.debug("write not durable master={} acked={} required={}", endpoint.address(), acked, acks);
            tracker.refresh(false);
            return Future.failedFuture(new NotDurableException("write reached " + acked + " of " + acks
                + " replicas of " + endpoint.address() + " within " + settings.replicaAckTimeoutMs() + " ms"));
          }
          return Future.succeededFuture(replies.get(0));
        });
  }
}
