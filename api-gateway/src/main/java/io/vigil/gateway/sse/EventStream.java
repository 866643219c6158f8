package io.vigil.gateway.sse;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.event.EventReader;
import io.vigil.core.event.JobEvent;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.gateway.GatewaySettings;
import io.vigil.gateway.auth.AccessHandler;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.http.HttpProblem;
import io.vigil.gateway.http.Replies;
import io.vigil.gateway.metrics.GatewayMetrics;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Server-Sent Events response tailing one queue's events (GET /api/v1/events) from Last-Event-ID, or from
 * the newest event. Reads (XRANGE) run one at a time and none while the client's write queue is full, so a slow
 * client is not buffered; a comment line on a timer keeps proxies and the idle timeout from closing a quiet stream.
 */
public final class EventStream {
  static final int BATCH = 200;
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private final Vertx vertx;
  private final Clock clock;
  private final EventReader events;
  private final HttpServerResponse response;
  private final String queue;
  private final GatewayMetrics metrics;
  private final String caller;
  private String cursor;
  private boolean closed;
  private PeriodicTask poll;
  private PeriodicTask heartbeat;

  private EventStream(Vertx vertx, Clock clock, EventReader events, HttpServerResponse response, String queue, String cursor,
              GatewayMetrics metrics, String caller) {
    this.caller = caller;
    this.vertx = vertx;
    this.clock = clock;
    this.events = events;
    this.response = response;
    this.queue = queue;
    this.cursor = cursor;
    this.metrics = metrics;
  }

  public static Handler<RoutingContext> handler(Vertx vertx, Clock clock, EventReader events, GatewaySettings settings,
                                                GatewayMetrics metrics) {
    return ctx -> {
      String queue = Replies.query(ctx, "queue");
      String header = Replies.header(ctx, "Last-Event-ID");
      String resume = header != null ? header : Replies.query(ctx, "lastEventId");
      if (resume != null && !isStreamId(resume)) {
        ctx.fail(HttpProblem.invalid("Last-Event-ID must be a Redis stream id <ms>-<seq>, each part at most 2^64-1, below the largest id"));
        return;
      }
      Caller caller = ctx.get(AccessHandler.CALLER);
      String who = caller == null ? "anonymous" : caller.name();
      if (!metrics.tryOpenStream(settings.sseMaxStreams(), who, settings.sseMaxStreamsPerCaller())) {
        ctx.fail(new HttpProblem(503, "STREAM_LIMIT", "this gateway already serves VIGIL_SSE_MAX_STREAMS event streams,"
            + " or VIGIL_SSE_MAX_STREAMS_PER_CALLER for this token"));
        return;
      }
      Future<String> start = resume != null ? Future.succeededFuture(resume) : events.latestId(queue);
      start.onSuccess(cursor -> new EventStream(vertx, clock, events, ctx.response(), queue, cursor, metrics, who)
              .start(settings.ssePollMs(), settings.sseHeartbeatMs()))
          .onFailure(e -> {
            metrics.streamClosed(who);
            ctx.fail(e);
          });
    };
  }

  /** {@code <ms>-<seq>} with both parts unsigned 64-bit, as Redis accepts (the contract allows 20 digits). */
  static boolean isStreamId(String id) {
    int dash = id.indexOf('-');
    try {
      long ms = Long.parseUnsignedLong(id.substring(0, dash));
      long seq = Long.parseUnsignedLong(id.substring(dash + 1));
      // Nothing can follow the largest id: Redis refuses a range starting after it, on every poll.
      return ms != -1L || seq != -1L;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void start(long pollMs, long heartbeatMs) {
    if (response.closed()) {
      // The client left while the starting point was being read.
      stop();
      return;
    }
    response.closeHandler(v -> stop());
    response.exceptionHandler(e -> stop());
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .write("retry: 2000\n\n");
    poll = PeriodicTask.start(vertx, clock, "sse-poll queue=" + queue, pollMs, this::tick);
    heartbeat = PeriodicTask.start(vertx, clock, "sse-heartbeat queue=" + queue, heartbeatMs, this::heartbeat);
    LOG.debug("sse=open queue={} from={}", queue, cursor);
    poll.runNow();
  }

  private Future<?> tick() {
    if (closed || response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    return events.readAfter(queue, cursor, BATCH).onSuccess(batch -> {
      if (closed) {
        return;
      }
      write(batch);
      if (batch.size() == BATCH) {
        // A full batch means more is waiting: read on once this tick has finished.
        vertx.runOnContext(v -> poll.runNow());
      }
    });
  }

  private void write(List<JobEvent> batch) {
    for (JobEvent event : batch) {
      response.write("id: " + event.id() + "\ndata: " + event.toJson().encode() + "\n\n");
      cursor = event.id();
    }
  }

  private Future<?> heartbeat() {
    if (!closed) {
      response.write(": keepalive\n\n");
    }
    return Future.succeededFuture();
  }

  private void stop() {
    if (closed) {
      return;
    }
    closed = true;
    if (poll != null) {
      poll.stop();
      heartbeat.stop();
    }
    metrics.streamClosed(caller);
    LOG.debug("sse=closed queue={} at={}", queue, cursor);
  }
}
