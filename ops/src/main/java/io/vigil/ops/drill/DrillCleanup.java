package io.vigil.ops.drill;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;

/** Deletes every key under the drill queue's hash tag and its registry entry. */
final class DrillCleanup {
  private DrillCleanup() {}

  static Future<Long> erase(Broker broker, QueueKeys keys) {
    return eraseQueueKeys(broker, keys, "0", 0)
        .compose(n -> broker.send(Request.cmd(Command.SREM).arg(keys.queues()).arg(keys.queue())).map(n));
  }

  private static Future<Long> eraseQueueKeys(Broker broker, QueueKeys keys, String cursor, long sofar) {
    String pattern = keys.queuePrefix().replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
    return broker.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000))
        .compose(reply -> {
          String next = reply.get(0).toString();
          Future<Long> step = Future.succeededFuture(sofar);
          if (reply.get(1).size() > 0) {
            Request del = Request.cmd(Command.DEL);
            reply.get(1).forEach(k -> del.arg(k.toString()));
            step = broker.send(del).map(r -> sofar + r.toLong());
          }
          return step.compose(n -> "0".equals(next) ? Future.succeededFuture(n) : eraseQueueKeys(broker, keys, next, n));
        });
  }
}
