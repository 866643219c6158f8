package io.vigil.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.BrokerStatus;
import io.vigil.core.redis.FailoverBroker;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Redis topology as this gateway sees it, for the dashboard's overview.
 * 1. Master, config epoch and Sentinels answering come from the broker's own view (no extra Sentinel call).
 * 2. Replicas, their offsets and lag, and memory against maxmemory come from INFO on the master, which the
 *    shipped app user may run.
 * 3. Failovers come from the cluster's failover log in Redis (one entry per new master, written when its
 *    reconciliation pass ends), so every gateway shows the same count, restarts included; the changes this
 *    gateway followed itself are shown beside them.
 */
public final class ClusterStatus {
  private final Broker broker;
  private final String failoversKey;
  private final Clock clock;
  private final AtomicLong failovers = new AtomicLong();
  private final AtomicLong lastFailoverAt = new AtomicLong();

  public ClusterStatus(Broker broker, String prefix, Clock clock) {
    this.broker = broker;
    this.failoversKey = QueueKeys.failoversKey(prefix);
    this.clock = clock;
    if (broker instanceof FailoverBroker failover) {
      failover.onMasterChanged(change -> {
        failovers.incrementAndGet();
        lastFailoverAt.set(clock.millis());
      });
    }
  }

  public Future<JsonObject> read() {
    return broker.batch(List.of(Request.cmd(Command.INFO).arg("replication"),
        Request.cmd(Command.INFO).arg("memory"), Request.cmd(Command.ZCARD).arg(failoversKey),
        Request.cmd(Command.ZRANGE).arg(failoversKey).arg(-1).arg(-1).arg("WITHSCORES"))).map(replies -> {
      InfoText replication = InfoText.parse(replies.get(0).toString());
      InfoText memory = InfoText.parse(replies.get(1).toString());
      JsonObject out = new JsonObject().put("checkedAt", clock.millis());
      BrokerStatus status = broker instanceof FailoverBroker failover ? failover.status() : null;
      boolean sentinel = status != null && status.sentinelsConfigured() > 0;
      out.put("mode", sentinel ? "sentinel" : "standalone");
      out.put("master", new JsonObject()
          .put("address", status == null || status.master() == null ? null : status.master().toString())
          .put("role", replication.get("role"))
          .put("epoch", status == null ? 0 : status.epoch())
          .put("replicaAcks", status == null ? 0 : status.replicaAcks()));
      out.put("replicas", replicas(replication));
      out.put("sentinels", new JsonObject()
          .put("configured", status == null ? 0 : status.sentinelsConfigured())
          .put("answering", status == null ? 0 : status.sentinelsAnswering())
          .put("quorum", status == null ? 0 : status.sentinelQuorum())
          .put("majority", status == null ? 0 : status.sentinelsConfigured() / 2 + 1)
          .put("lastError", status == null ? null : status.lastRefreshError()));
      long seenAt = lastFailoverAt.get();
      out.put("failovers", new JsonObject().put("recorded", replies.get(2).toLong())
          .put("lastAt", lastRecorded(replies.get(3)))
          .put("seen", failovers.get()).put("seenLastAt", seenAt == 0 ? null : seenAt));
      long used = memory.number("used_memory");
      long max = memory.number("maxmemory");
      out.put("memory", new JsonObject().put("used", used).put("max", max)
          .put("ratio", max > 0 ? Math.round(used * 10_000.0 / max) / 10_000.0 : null)
          .put("policy", memory.get("maxmemory_policy")));
      return out;
    });
  }

  /** The score of the newest log entry; RESP2 gives [member, score], RESP3 [[member, score]]. */
  private static Long lastRecorded(Response newest) {
    if (newest == null || newest.size() == 0) {
      return null;
    }
    Response score = newest.get(0).type() == ResponseType.MULTI ? newest.get(0).get(1) : newest.get(1);
    return (long) Double.parseDouble(score.toString());
  }

  private static JsonArray replicas(InfoText replication) {
    JsonArray out = new JsonArray();
    long masterOffset = replication.number("master_repl_offset");
    for (int i = 0; replication.get("slave" + i) != null; i++) {
      InfoText replica = InfoText.parseFields(replication.get("slave" + i));
      long offset = replica.number("offset");
      out.add(new JsonObject().put("address", replica.get("ip") + ":" + replica.get("port"))
          .put("state", replica.get("state")).put("offset", offset)
          .put("lagBytes", Math.max(0, masterOffset - offset)).put("lagSeconds", replica.number("lag")));
    }
    return out;
  }
}
