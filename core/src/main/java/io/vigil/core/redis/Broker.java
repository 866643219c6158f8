package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.script.Script;
import java.util.List;

/** The only path from the engine to Redis. Every future it returns carries a timeout. */
public interface Broker {
  /** Runs a script with EVALSHA, falling back to one EVAL on NOSCRIPT (a new master has an empty cache). */
  Future<Response> eval(Script script, List<String> keys, List<String> args);

  /** Answers once the write reached the configured replicas (WAIT); else fails with NotDurableException. */
  Future<Response> evalDurable(Script script, List<String> keys, List<String> args);

  Future<Response> send(Request request);

  Future<List<Response>> batch(List<Request> requests);

  /** A dedicated connection for blocking waits, so they never pin the shared pool. */
  Future<BlockingChannel> openBlockingChannel();

  Future<Void> close();
}
