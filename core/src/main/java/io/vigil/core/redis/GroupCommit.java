package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for one master's durable writes: one confirmation (PUBLISH fence, ROLE, WAIT n, ROLE) covers
 * every write whose reply arrived before it was sent, so durability costs a replica round trip per group,
 * not per write.
 * 1. A write asks for confirmation only after its own reply arrived: it was applied before the fence.
 * 2. One confirmation is in flight at a time; writes answered meanwhile wait for the next one, which is
 *    sent as soon as the one in flight returns. The group grows with the load by itself.
 * 3. Each write judges the shared replies against its own quorum ({@link DurableWrite}).
 */
final class GroupCommit {
  private final MasterEndpoint endpoint;
  private final int acks;
  private final List<Request> confirmation;
  private List<Promise<List<Response>>> next = new ArrayList<>();
  private boolean inFlight;

  GroupCommit(MasterEndpoint endpoint, int acks, long ackTimeoutMs) {
    this.endpoint = endpoint;
    this.acks = acks;
    this.confirmation = List.of(Request.cmd(Command.PUBLISH).arg(DurableWrite.FENCE_CHANNEL).arg("1"),
        Request.cmd(Command.ROLE), Request.cmd(Command.WAIT).arg(acks).arg(ackTimeoutMs), Request.cmd(Command.ROLE));
  }

  MasterEndpoint endpoint() {
    return endpoint;
  }

  int acks() {
    return acks;
  }

  /** The PUBLISH, ROLE, WAIT and ROLE replies of a confirmation sent after this call. */
  Future<List<Response>> confirm() {
    Promise<List<Response>> promise = Promise.promise();
    synchronized (this) {
      next.add(promise);
      if (inFlight) {
        return promise.future();
      }
      inFlight = true;
    }
    send();
    return promise.future();
  }

  private void send() {
    List<Promise<List<Response>>> group;
    synchronized (this) {
      group = next;
      next = new ArrayList<>();
    }
    endpoint.commands().batch(confirmation).onComplete(ar -> {
      boolean more;
      synchronized (this) {
        more = !next.isEmpty();
        inFlight = more;
      }
      if (more) {
        send();
      }
      group.forEach(promise -> promise.handle(ar));
    });
  }
}
