package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few long-lived connections that commands are spread over round-robin, each carrying many in flight
 * (unlike the pool, which lends one to one command), so a burst of small scripts costs far fewer reads and
 * writes. A connection that fails or closes is dropped and reopened on next use.
 */
final class PipelinedConnections {
  private final Redis client;
  private final AtomicReferenceArray<Future<RedisConnection>> slots;
  private final AtomicInteger next = new AtomicInteger();

  PipelinedConnections(Redis client, int size) {
    this.client = client;
    this.slots = new AtomicReferenceArray<>(size);
  }

  Future<Response> send(Request request) {
    int index = Math.floorMod(next.getAndIncrement(), slots.length());
    Future<RedisConnection> connection = at(index);
    return connection.compose(c -> c.send(request)).onFailure(e -> {
      // A broken connection may not have announced itself yet: never hand it out again.
      if (TransientErrors.isTransient(e)) {
        drop(index, connection);
      }
    });
  }

  void close() {
    for (int i = 0; i < slots.length(); i++) {
      drop(i, slots.get(i));
    }
  }

  private Future<RedisConnection> at(int index) {
    Future<RedisConnection> current = slots.get(index);
    if (current != null && !current.failed()) {
      return current;
    }
    Future<RedisConnection> opened = client.connect();
    if (!slots.compareAndSet(index, current, opened)) {
      opened.onSuccess(RedisConnection::close);
      return at(index);
    }
    opened.onSuccess(connection -> {
      connection.exceptionHandler(e -> drop(index, opened));
      connection.endHandler(v -> drop(index, opened));
    }).onFailure(e -> drop(index, opened));
    return opened;
  }

  private void drop(int index, Future<RedisConnection> expected) {
    if (expected != null && slots.compareAndSet(index, expected, null)) {
      expected.onSuccess(RedisConnection::close);
    }
  }
}
