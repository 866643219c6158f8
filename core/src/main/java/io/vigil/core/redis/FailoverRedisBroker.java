package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.script.Script;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The broker {@link RedisConnector} hands out: every call runs through {@link FailoverRetry} against the
 * master {@link MasterTracker} trusts; durable writes through {@link DurableWrite}; blocking waits on
 * their own pool, recycled on a switch.
 */
final class FailoverRedisBroker implements FailoverBroker {
  private final RedisSettings settings;
  private final MasterTracker tracker;
  private final FailoverRetry retry;
  private final DurableWrite durable;
  private final Clock clock;

  FailoverRedisBroker(Vertx vertx, Clock clock, RedisSettings settings, MasterTracker tracker) {
    this.clock = clock;
    this.settings = settings;
    this.tracker = tracker;
    this.retry = new FailoverRetry(vertx, tracker, settings.commandTimeoutMs());
    this.durable = new DurableWrite(tracker, settings.replicaAckTimeoutMs());
  }

  @Override
  public Future<Response> eval(Script script, List<String> keys, List<String> args) {
    return retry.run(endpoint -> ScriptCalls.evalOnce(endpoint.pipelined()::send, script, keys, args));
  }

  @Override
  public Future<Response> evalDurable(Script script, List<String> keys, List<String> args) {
    return retry.run(durable.call(script, keys, args)::attempt);
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
    RecyclingBlockingChannel channel = new RecyclingBlockingChannel(tracker, retry, settings.commandTimeoutMs(), clock);
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
}
