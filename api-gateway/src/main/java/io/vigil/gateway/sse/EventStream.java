package io.vigil.gateway.sse;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vigil.core.event.EventReader;
import io.vigil.core.event.JobEvent;
import io.vigil.gateway.metrics.GatewayMetrics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open Server-Sent Events response tailing one queue's event stream.
 * 1. Each tick reads the events after the last one sent (XRANGE, never blocking) and writes them with
 *    their stream id as the SSE id, so a client resumes with Last-Event-ID.
 * 2. One read at a time; none while the client's write queue is full (a slow client is not buffered).
 * 3. A comment line on a timer keeps proxies and the idle timeout from closing a quiet stream.
 * 4. The client closing the connection stops both timers and releases the stream slot.
 */
final class EventStream {
  static final int BATCH = 200;
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private final Vertx vertx;
  private final EventReader events;
  private final HttpServerResponse response;
  private final String queue;
  private final GatewayMetrics metrics;
  private String cursor;
  private boolean reading;
  private boolean closed;
  private int failuresLogged;
  private long pollTimer = -1;
  private long heartbeatTimer = -1;

  EventStream(Vertx vertx, EventReader events, HttpServerResponse response, String queue, String cursor,
              GatewayMetrics metrics) {
    this.vertx = vertx;
    this.events = events;
    this.response = response;
    this.queue = queue;
    this.cursor = cursor;
    this.metrics = metrics;
  }

  void start(long pollMs, long heartbeatMs) {
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
    pollTimer = vertx.setPeriodic(pollMs, id -> tick());
    heartbeatTimer = vertx.setPeriodic(heartbeatMs, id -> heartbeat());
    LOG.debug("sse=open queue={} from={}", queue, cursor);
    tick();
  }

  private void tick() {
    if (closed || reading || response.writeQueueFull()) {
      return;
    }
    reading = true;
    events.readAfter(queue, cursor, BATCH).onComplete(ar -> {
      reading = false;
      if (closed) {
        return;
      }
      if (ar.failed()) {
        if (failuresLogged++ % 100 == 0) {
          LOG.warn("sse=read-failed queue={} error={}", queue, ar.cause().getMessage());
        }
        return;
      }
      write(ar.result());
      if (ar.result().size() == BATCH) {
        vertx.runOnContext(v -> tick());
      }
    });
  }

  private void write(List<JobEvent> batch) {
    for (JobEvent event : batch) {
      response.write("id: " + event.id() + "\ndata: " + event.toJson().encode() + "\n\n");
      cursor = event.id();
    }
  }

  private void heartbeat() {
    if (!closed) {
      response.write(": keepalive\n\n");
    }
  }

  private void stop() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(heartbeatTimer);
    metrics.streamClosed();
    LOG.debug("sse=closed queue={} at={}", queue, cursor);
  }
}
