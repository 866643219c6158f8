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

  /**
   * Like {@link #eval} but answers only after the write reached the configured number of replicas
   * (WAIT on the same connection); fails with NotDurableException when it did not in time.
   */
  Future<Response> evalDurable(Script script, List<String> keys, List<String> args);

  /** One plain command (reads, INFO, PING). */
  Future<Response> send(Request request);

  /** Several commands pipelined on one connection, in order. */
  Future<List<Response>> batch(List<Request> requests);

  /** A dedicated connection for blocking waits, so they never pin the shared pool. */
  Future<BlockingChannel> openBlockingChannel();

  Future<Void> close();
}
