package io.vigil.core.support;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of the shipped broker and loses the reply of every {@code n}-th call of the given
 * scripts after Redis applied it: what the caller sees when a connection drops after the request went
 * out and the master stays unreachable for the rest of the call's budget.
 */
public final class LosingReplies extends ForwardingBroker {
  private final Set<Script> scripts;
  private final int every;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();

  public LosingReplies(Broker broker, int every, Script... scripts) {
    super(broker);
    this.every = every;
    this.scripts = Set.of(scripts);
  }

  /** Replies dropped so far. */
  public int lost() {
    return lost.get();
  }

  @Override
  public Future<Response> eval(Script script, List<String> keys, List<String> args) {
    return maybeLose(script, delegate.eval(script, keys, args));
  }

  @Override
  public Future<Response> evalDurable(Script script, List<String> keys, List<String> args) {
    return maybeLose(script, delegate.evalDurable(script, keys, args));
  }

  private Future<Response> maybeLose(Script script, Future<Response> call) {
    if (!scripts.contains(script) || calls.incrementAndGet() % every != 0) {
      return call;
    }
    return call.transform(ar -> {
      lost.incrementAndGet();
      return Future.failedFuture(new RedisUnavailableException("reply lost after " + script + " applied", null));
    });
  }
}
