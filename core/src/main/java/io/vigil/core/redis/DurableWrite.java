package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.script.Script;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A durable script call: the script, then proof that enough trusted replicas hold it.
 * 1. Refused at once while Sentinel is failing this master over ({@link FailoverFence}), and under
 *    automatic acks while the master has no healthy replica: the write is not sent, so nothing is
 *    acknowledged on the master alone (only {@code REDIS_MIN_REPLICA_ACKS=0} asks for that).
 * 2. The script rides the pipelined connections like any script; once it answered, a {@link GroupCommit}
 *    confirms it together with every other write answered meanwhile: PUBLISH fence, ROLE, WAIT n, ROLE on
 *    one connection. WAIT counts acks for the connection's own last write; PUBLISH is replicated, so it
 *    moves that connection's offset past every write answered before it, and WAIT covers them all.
 * 3. The first ROLE gives that offset, the second which replicas have acknowledged it; under automatic
 *    acks only replicas the {@link ReplicaCounter} trusts count, so a node that just attached to a
 *    doomed master cannot make a write look durable. The quorum is the endpoint's own, never the next
 *    master's.
 * 4. Once the script answered on a master, a retry on that same master repeats only the confirmation
 *    (PUBLISH, ROLE, WAIT, ROLE) and answers the first reply: re-running the script could act on a state
 *    that moved on (a worker may have run and removed the job meanwhile). Only on another master, or when
 *    the reply was lost, is the script sent again; its operation id makes that harmless.
 */
final class DurableWrite {
  static final String FENCE_CHANNEL = "vigil:wait-fence";
  private final MasterTracker tracker;
  private final long ackTimeoutMs;
  /** The group commit of the master written to last, replaced when the broker moves (or acks change). */
  private GroupCommit groups;

  DurableWrite(MasterTracker tracker, long ackTimeoutMs) {
    this.tracker = tracker;
    this.ackTimeoutMs = ackTimeoutMs;
  }

  /** One call across its attempts; pass {@link Call#attempt} to the retry loop. */
  Call call(Script script, List<String> keys, List<String> args) {
    return new Call(script, keys, args);
  }

  final class Call {
    private final Script script;
    private final List<String> keys;
    private final List<String> args;
    /** Where the script already answered, and what; attempts run one after another. */
    private volatile MasterEndpoint appliedOn;
    private volatile Response reply;

    private Call(Script script, List<String> keys, List<String> args) {
      this.script = script;
      this.keys = keys;
      this.args = args;
    }

    Future<Response> attempt(MasterEndpoint endpoint) {
      AckQuorum quorum = endpoint.quorum();
      int acks = quorum.count();
      boolean automatic = quorum.automatic();
      if ((automatic || acks > 0) && tracker.fenced(endpoint)) {
        return Future.failedFuture(new NotDurableException("master " + endpoint.address()
            + " is being failed over; the write was not sent"));
      }
      if (acks == 0 && automatic) {
        tracker.refresh(false);
        return Future.failedFuture(new NotDurableException("master " + endpoint.address()
            + " has no healthy replica; the write was not sent (REDIS_MIN_REPLICA_ACKS=0 would accept it on the master alone)"));
      }
      if (acks == 0) {
        // Nothing to WAIT for, so nothing ties the call to a connection of its own: it rides the pipelined
        // connections like any script. The pool would hold one connection per call and queue the rest.
        return ScriptCalls.evalOnce(endpoint.pipelined()::send, script, keys, args);
      }
      GroupCommit group = groupFor(endpoint, acks);
      if (appliedOn == endpoint) {
        Response first = reply;
        return group.confirm().compose(replies -> confirm(endpoint, quorum, replies, first));
      }
      return ScriptCalls.evalOnce(endpoint.pipelined()::send, script, keys, args).compose(answer -> {
        reply = answer;
        appliedOn = endpoint;
        return group.confirm().compose(replies -> confirm(endpoint, quorum, replies, answer));
      });
    }
  }

  /** {@code confirmation}: PUBLISH, ROLE, WAIT, ROLE replies. */
  private Future<Response> confirm(MasterEndpoint endpoint, AckQuorum quorum, List<Response> confirmation,
                                   Response reply) {
    int acks = quorum.count();
    boolean automatic = quorum.automatic();
    long waited = confirmation.get(2).toLong();
    Set<String> confirmed = confirmedBy(confirmation.get(1), confirmation.get(3));
    Set<String> trusted = quorum.trusted();
    long counted = automatic ? confirmed.stream().filter(trusted::contains).count() : waited;
    // A reply that arrives after the broker left this master proves nothing about the new one.
    boolean leftBehind = tracker.fenced(endpoint) || endpoint.closed();
    if (counted < acks || leftBehind) {
      tracker.refresh(false);
      return Future.failedFuture(new NotDurableException("write on " + endpoint.address() + " confirmed by "
          + (automatic ? counted + " trusted (" + confirmed + " of " + trusted + ")" : Long.toString(counted))
          + " of " + acks + " replicas within " + ackTimeoutMs + " ms"
          + (leftBehind ? "; the master is being failed over" : "")));
    }
    return Future.succeededFuture(reply);
  }

  private synchronized GroupCommit groupFor(MasterEndpoint endpoint, int acks) {
    if (groups == null || groups.endpoint() != endpoint || groups.acks() != acks) {
      groups = new GroupCommit(endpoint, acks, ackTimeoutMs);
    }
    return groups;
  }

  /**
   * Replicas ({@code ip:port}) whose acknowledged offset reached the master's offset right after our
   * write. ROLE on a master: {@code ["master", offset, [[ip, port, ackedOffset], ...]]}.
   */
  static Set<String> confirmedBy(Response before, Response after) {
    Set<String> out = new HashSet<>();
    if (before == null || after == null || !"master".equals(before.get(0).toString()) || after.size() < 3) {
      return out;
    }
    long written = before.get(1).toLong();
    for (Response replica : after.get(2)) {
      if (Long.parseLong(replica.get(2).toString()) >= written) {
        out.add(replica.get(0).toString() + ":" + replica.get(1).toString());
      }
    }
    return out;
  }
}
