package io.vigil.core.support;

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

/**
 * An engine on a real Redis, with a hand-moved clock; tests read Redis directly to check the whole state.
 * Moving the clock moves both this JVM's time and the time the scripts read (Redis TIME plus the clock's
 * offset), as if time passed for the whole cluster.
 */
public final class EngineFixture {
  public static final String PREFIX = "vt";
  public final RedisNode redis;
  public final MutableClock clock = new MutableClock(1_700_000_000_000L);
  public final Broker broker;
  public final Engine engine;

  public EngineFixture(Vertx vertx, RedisNode redis, EngineSettings settings) {
    this.redis = redis;
    redis.flushAll();
    this.broker = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
    this.engine = Engine.create(broker, settings, clock, false, clock::offsetMs);
  }

  public EngineFixture(Vertx vertx, RedisNode redis) {
    this(vertx, redis, EngineSettings.defaults(PREFIX));
  }

  /** Members of a queue's sorted set, in order. */
  @SuppressWarnings("unchecked")
  public List<String> zset(String queue, String type) {
    List<Object> reply = (List<Object>) redis.command("ZRANGE", key(queue, type), "0", "-1");
    List<String> out = new ArrayList<>();
    reply.forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  /** Now as the scripts see it: Redis TIME in ms plus the clock's offset. */
  @SuppressWarnings("unchecked")
  public long redisNow() {
    List<Object> time = (List<Object>) redis.command("TIME");
    return Long.parseLong(String.valueOf(time.get(0))) * 1000 + Long.parseLong(String.valueOf(time.get(1))) / 1000
        + clock.offsetMs();
  }

  public String hget(String queue, String jobId, String field) {
    Object value = redis.command("HGET", key(queue, "job:" + jobId), field);
    return value == null ? null : String.valueOf(value);
  }

  public boolean exists(String key) {
    return ((Long) redis.command("EXISTS", key)) == 1L;
  }

  public String key(String queue, String type) {
    return PREFIX + ":{" + queue + "}:" + type;
  }

  @SuppressWarnings("unchecked")
  public List<String> keys(String pattern) {
    List<Object> reply = (List<Object>) redis.command("KEYS", pattern);
    List<String> out = new ArrayList<>();
    reply.forEach(o -> out.add(String.valueOf(o)));
    Collections.sort(out);
    return out;
  }

  /** Keys matching {@code pattern} except the short-lived records of durable calls ({@code :op:}, PX 60 s). */
  public List<String> stateKeys(String pattern) {
    return keys(pattern).stream().filter(k -> !k.contains(":op:")).toList();
  }

  public long dbSize() {
    return (Long) redis.command("DBSIZE");
  }
}
