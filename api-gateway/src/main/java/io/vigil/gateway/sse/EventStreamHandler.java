package io.vigil.gateway.sse;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.event.EventReader;
import io.vigil.gateway.GatewaySettings;
import io.vigil.gateway.http.HttpProblem;
import io.vigil.gateway.http.Replies;
import io.vigil.gateway.metrics.GatewayMetrics;
import java.time.Clock;

/**
 * GET /api/v1/events: opens an {@link EventStream} from Last-Event-ID (header, else the lastEventId
 * parameter), or from the newest event when neither is given. Refuses with 503 past VIGIL_SSE_MAX_STREAMS.
 */
public record EventStreamHandler(Vertx vertx, Clock clock, EventReader events, GatewaySettings settings,
                                 GatewayMetrics metrics) implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    String queue = Replies.query(ctx, "queue");
    String header = Replies.header(ctx, "Last-Event-ID");
    String resume = header != null ? header : Replies.query(ctx, "lastEventId");
    if (!metrics.tryOpenStream(settings.sseMaxStreams())) {
      ctx.fail(new HttpProblem(503, "STREAM_LIMIT", "this gateway already serves VIGIL_SSE_MAX_STREAMS event streams"));
      return;
    }
    Future<String> start = resume != null ? Future.succeededFuture(resume) : events.latestId(queue);
    start.onSuccess(cursor -> new EventStream(vertx, clock, events, ctx.response(), queue, cursor, metrics)
            .start(settings.ssePollMs(), settings.sseHeartbeatMs()))
        .onFailure(e -> {
          metrics.streamClosed();
          ctx.fail(e);
        });
  }
}
