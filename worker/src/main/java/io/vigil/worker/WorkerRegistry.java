package io.vigil.worker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.redis.Broker;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Live workers in Redis: a heartbeat writes the worker's info with a TTL and indexes its expiry, pruning
 * expired entries, so a worker that dies without a goodbye disappears after its TTL; a clean stop removes it.
 */
public final class WorkerRegistry implements WorkerDirectory {
  private final Broker broker;
  private final WorkerKeys keys;
  private final Clock clock;
  private final long ttlMs;

  public WorkerRegistry(Broker broker, String prefix, Clock clock, long ttlMs) {
    if (ttlMs < 100) {
      throw new IllegalArgumentException("worker registration TTL must be >= 100 ms, got " + ttlMs);
    }
    this.broker = broker;
    this.keys = new WorkerKeys(prefix);
    this.clock = clock;
    this.ttlMs = ttlMs;
  }

  public Future<Void> heartbeat(WorkerInfo info) {
    long now = clock.millis();
    return broker.batch(List.of(
        Request.cmd(Command.SET).arg(keys.worker(info.id())).arg(info.withHeartbeat(now).toJson().encode())
            .arg("PX").arg(ttlMs),
        Request.cmd(Command.ZADD).arg(keys.workers()).arg(now + ttlMs).arg(info.id()),
        Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.workers()).arg("-inf").arg("(" + now))).mapEmpty();
  }

  public Future<Void> remove(String workerId) {
    return broker.batch(List.of(
        Request.cmd(Command.DEL).arg(keys.worker(workerId)),
        Request.cmd(Command.ZREM).arg(keys.workers()).arg(workerId))).mapEmpty();
  }

  @Override
  public Future<List<WorkerInfo>> list() {
    return broker.send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.workers()).arg(clock.millis()).arg("+inf"))
        .compose(ids -> {
          if (ids == null || ids.size() == 0) {
            return Future.succeededFuture(List.of());
          }
          Request mget = Request.cmd(Command.MGET);
          ids.forEach(id -> mget.arg(keys.worker(id.toString())));
          return broker.send(mget).map(values -> values.stream().filter(Objects::nonNull)
              .map(value -> WorkerInfo.fromJson(new JsonObject(value.toString())))
              .sorted(Comparator.comparing(WorkerInfo::id)).toList());
        });
  }
}
