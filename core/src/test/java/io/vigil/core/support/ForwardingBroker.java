package io.vigil.core.support;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.redis.BlockingChannel;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import java.util.List;

/** Passes every call to another broker; fault-injecting test brokers override only the calls they change. */
public abstract class ForwardingBroker implements Broker {
  protected final Broker delegate;

  protected ForwardingBroker(Broker delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<Response> eval(Script script, List<String> keys, List<String> args) {
    return delegate.eval(script, keys, args);
  }

  @Override
  public Future<Response> evalDurable(Script script, List<String> keys, List<String> args) {
    return delegate.evalDurable(script, keys, args);
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
    return delegate.close();
  }
}
