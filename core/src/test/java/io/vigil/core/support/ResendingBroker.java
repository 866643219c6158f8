package io.vigil.core.support;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.redis.BlockingChannel;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends every durable call a second time with the same arguments, as the failover broker does when the
 * master changed after the first run was applied but not confirmed; {@code between} runs in the gap (a
 * worker acting on the job meanwhile). Answers the second reply, the only one a caller would see.
 */
public final class ResendingBroker implements Broker {
  private final Broker delegate;
  private final Supplier<Future<?>> between;

  public ResendingBroker(Broker delegate, Supplier<Future<?>> between) {
    this.delegate = delegate;
    this.between = between;
  }

  public ResendingBroker(Broker delegate) {
    this(delegate, Future::succeededFuture);
  }

  @Override
  public Future<Response> evalDurable(Script script, List<String> keys, List<String> args) {
    return delegate.evalDurable(script, keys, args)
        .compose(first -> between.get())
        .compose(v -> delegate.evalDurable(script, keys, args));
  }

  @Override
  public Future<Response> eval(Script script, List<String> keys, List<String> args) {
    return delegate.eval(script, keys, args);
  }

  @Override
  public Future<Response> send(Request request) {
    return delegate.send(request);
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return delegate.batch(requests);
  }

  @Override
  public Future<BlockingChannel> openBlockingChannel() {
    return delegate.openBlockingChannel();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
