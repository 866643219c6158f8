package io.vigil.core.support;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends every durable call a second time with the same arguments, as the failover broker does when the
 * master changed after the first run was applied but not confirmed; {@code between} runs in the gap (a
 * worker acting on the job meanwhile). Answers the second reply, the only one a caller would see.
 */
public final class ResendingBroker extends ForwardingBroker {
  private final Supplier<Future<?>> between;

  public ResendingBroker(Broker delegate, Supplier<Future<?>> between) {
    super(delegate);
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

  /** The fixture owns the shipped broker behind this one and closes it. */
  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
