package io.vigil.gateway.stats;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.event.JobEvent;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jobs completed and failed per minute and queue, for the dashboard's chart.
 * 1. {@link #record} counts a batch of relayed events by the minute of their Redis timestamp and adds the
 *    counts in one pipelined call: one HINCRBY per minute and kind, one PEXPIRE per minute touched (the shipped app user may run PEXPIRE, not EXPIRE).
 * 2. Each minute is its own key, expiring {@link #KEEP_MS} after its last write, so nothing needs pruning.
 * 3. {@link #read} answers the last minutes in one pipeline, oldest first, zeros included.
 * Counts come from the event relay: with VIGIL_EVENT_RELAY=false on every gateway nothing is counted, and a
 * relay handover skips the events of that gap (the relay starts at the newest event).
 */
public final class MinuteCounts {
  public static final int MAX_MINUTES = 60;
  static final long KEEP_MS = 65 * 60_000;
  private static final long MINUTE_MS = 60_000;
  private final Broker broker;
  private final String prefix;

  public MinuteCounts(Broker broker, String prefix) {
    this.broker = broker;
    this.prefix = prefix;
  }

  /** Adds the completed and failed events of {@code batch} (all of {@code queue}); other events are ignored. */
  public Future<Void> record(String queue, List<JobEvent> batch) {
    Map<Long, long[]> perMinute = new TreeMap<>();
    for (JobEvent event : batch) {
      int kind = "completed".equals(event.event()) ? 0 : "failed".equals(event.event()) ? 1 : -1;
      if (kind >= 0) {
        perMinute.computeIfAbsent(event.timestamp() / MINUTE_MS, m -> new long[2])[kind]++;
      }
    }
    if (perMinute.isEmpty()) {
      return Future.succeededFuture();
    }
    QueueKeys keys = new QueueKeys(prefix, queue);
    List<Request> writes = new ArrayList<>();
    perMinute.forEach((minute, counts) -> {
      String key = keys.minute(minute);
      if (counts[0] > 0) {
        writes.add(Request.cmd(Command.HINCRBY).arg(key).arg("completed").arg(counts[0]));
      }
      if (counts[1] > 0) {
        writes.add(Request.cmd(Command.HINCRBY).arg(key).arg("failed").arg(counts[1]));
      }
      writes.add(Request.cmd(Command.PEXPIRE).arg(key).arg(KEEP_MS));
    });
    return broker.batch(writes).mapEmpty();
  }

  /** {@code {"minutes":[{"at","completed","failed"}...]}}: the {@code minutes} minutes up to now's, oldest first. */
  public Future<JsonObject> read(String queue, int minutes, long nowMs) {
    QueueKeys keys;
    try {
      keys = new QueueKeys(prefix, queue);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    long last = nowMs / MINUTE_MS;
    List<Request> reads = new ArrayList<>(minutes);
    for (long m = last - minutes + 1; m <= last; m++) {
      reads.add(Request.cmd(Command.HMGET).arg(keys.minute(m)).arg("completed").arg("failed"));
    }
    return broker.batch(reads).map(replies -> {
      JsonArray out = new JsonArray();
      for (int i = 0; i < replies.size(); i++) {
        Response r = replies.get(i);
        out.add(new JsonObject().put("at", (last - minutes + 1 + i) * MINUTE_MS)
            .put("completed", count(r.get(0))).put("failed", count(r.get(1))));
      }
      return new JsonObject().put("minutes", out);
    });
  }

  private static long count(Response value) {
    return value == null ? 0 : value.toLong();
  }
}
