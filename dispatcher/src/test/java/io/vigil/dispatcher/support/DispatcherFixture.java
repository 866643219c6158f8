package io.vigil.dispatcher.support;

import io.vertx.core.Vertx;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.MutableClock;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An engine on a real, emptied Redis with a hand-moved clock; dispatcher tests read Redis directly. */
public final class DispatcherFixture {
  public static final String PREFIX = "vt";
  public final RedisNode redis;
  public final MutableClock clock = new MutableClock(1_700_000_000_000L);
  public final Broker broker;
  public final Engine engine;

  public DispatcherFixture(Vertx vertx, RedisNode redis) {
    this.redis = redis;
    redis.flushAll();
    this.broker = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
    this.engine = Engine.create(broker, EngineSettings.defaults(PREFIX), clock, false);
  }

  /** Members of a queue's sorted set, in order. */
  public List<String> zset(String queue, String type) {
    return strings(redis.command("ZRANGE", key(queue, type), "0", "-1"));
  }

  public String key(String queue, String type) {
    return PREFIX + ":{" + queue + "}:" + type;
  }

  /** Keys matching a pattern, sorted. */
  /** Keys matching {@code pattern} except the short-lived records of durable calls ({@code :op:}, PX 60 s). */
  public List<String> stateKeys(String pattern) {
    return keys(pattern).stream().filter(k -> !k.contains(":op:")).toList();
  }

  public List<String> keys(String pattern) {
    List<String> out = strings(redis.command("KEYS", pattern));
    Collections.sort(out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object reply) {
    List<String> out = new ArrayList<>();
    ((List<Object>) reply).forEach(o -> out.add(String.valueOf(o)));
    return out;
  }
}
