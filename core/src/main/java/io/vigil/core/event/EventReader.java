package io.vigil.core.event;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.queue.QueueKeyCache;
import io.vigil.core.redis.Broker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a queue's capped event stream from a resume point, without blocking. */
public final class EventReader {
  private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");
  private final Broker broker;
  private final QueueKeyCache keys;

  public EventReader(Broker broker, QueueKeyCache keys) {
    this.broker = broker;
    this.keys = keys;
  }

  /** Events strictly after {@code afterId} ("0" or null = from the oldest kept), at most {@code count}. */
  public Future<List<JobEvent>> readAfter(String queue, String afterId, int count) {
    boolean fromOldest = afterId == null || afterId.equals("0");
    // map fails the future with what keys.of or the id check throws.
    return Future.succeededFuture(queue).map(q -> {
      QueueKeys k = keys.of(q);
      if (!fromOldest && !STREAM_ID.matcher(afterId).matches()) {
        throw new InvalidRequestException("event id must look like <millis>-<seq>");
      }
      return k;
    }).compose(k -> broker.send(Request.cmd(Command.XRANGE).arg(k.events()).arg(fromOldest ? "-" : "(" + afterId)
        .arg("+").arg("COUNT").arg(count))).map(reply -> decode(queue, reply));
  }

  /** The id of the newest event, or "0" when the stream is empty: a starting point for live tails. */
  public Future<String> latestId(String queue) {
    QueueKeys k = keys.of(queue);
    return broker.send(Request.cmd(Command.XREVRANGE).arg(k.events()).arg("+").arg("-").arg("COUNT").arg(1))
        .map(reply -> reply == null || reply.size() == 0 ? "0" : reply.get(0).get(0).toString());
  }

  private static List<JobEvent> decode(String queue, Response reply) {
    List<JobEvent> events = new ArrayList<>();
    for (Response entry : reply == null ? List.<Response>of() : reply) {
      String id = entry.get(0).toString();
      Response body = entry.get(1);
      Map<String, String> extra = new LinkedHashMap<>();
      String event = null;
      String jobId = null;
      long ts = 0;
      for (int i = 0; i + 1 < body.size(); i += 2) {
        String name = body.get(i).toString();
        String value = body.get(i + 1).toString();
        switch (name) {
          case "event" -> event = value;
          case "jobId" -> jobId = value;
          case "ts" -> ts = (long) Double.parseDouble(value);
          default -> extra.put(name, value);
        }
      }
      events.add(new JobEvent(id, queue, event, jobId, ts, extra));
    }
    return events;
  }
}
