package io.vigil.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.event.JobEvent;
import io.vigil.core.job.Job;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.QueueInfo;
import io.vigil.core.queue.QueueLimits;
import io.vigil.dispatcher.CronTimes;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.cluster.ClusterStatus;
import io.vigil.gateway.stats.MinuteCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Handlers of the operations the dashboard added: cluster status, throughput per minute, limits, promote,
 * a job's event history, the cron preview and who the caller is.
 */
public final class DashboardHandlers {
  static final int EVENT_PAGE = 1000;
  static final int EVENT_PAGES = 5;
  static final int MAX_JOB_EVENTS = 200;
  private final Engine engine;
  private final ClusterStatus cluster;
  private final MinuteCounts counts;

  public DashboardHandlers(Engine engine) {
    this.engine = engine;
    this.cluster = new ClusterStatus(engine.broker(), engine.settings().prefix(), engine.clock());
    this.counts = new MinuteCounts(engine.broker(), engine.settings().prefix());
  }

  public Handler<RoutingContext> cluster() {
    return ctx -> Replies.json(ctx, cluster.read(), 200, body -> body);
  }

  public Handler<RoutingContext> throughput() {
    return ctx -> {
      String minutes = Replies.query(ctx, "minutes");
      Replies.json(ctx, counts.read(Replies.path(ctx, "queue"),
          minutes == null ? MinuteCounts.MAX_MINUTES : Integer.parseInt(minutes), engine.clock().millis()), 200, b -> b);
    };
  }

  public Handler<RoutingContext> setLimits() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      JsonObject body = Replies.body(ctx);
      Future<QueueInfo> result;
      try {
        QueueLimits limits = new QueueLimits(body.getInteger("maxActive"), body.getInteger("rateMax"),
            body.getLong("rateWindowMs"));
        result = engine.admin().setLimits(queue, limits).compose(v -> engine.admin().info(queue));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      Replies.json(ctx, result, 200, QueueInfo::toJson);
    };
  }

  public Handler<RoutingContext> promote() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      String id = Replies.path(ctx, "id");
      Replies.json(ctx, engine.admin().promote(queue, id).compose(v -> engine.admin().getJob(queue, id)), 200,
          Job::toJson);
    };
  }

  /** The job's events from the queue's capped stream, read from its creation on (stream ids are times). */
  public Handler<RoutingContext> jobEvents() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      String id = Replies.path(ctx, "id");
      Future<JsonObject> result = engine.admin().getJob(queue, id).compose(job -> {
        List<JobEvent> found = new ArrayList<>();
        return collect(queue, id, (job.createdAt() - 1) + "-0", EVENT_PAGES, found)
            .map(v -> new JsonObject().put("events", new JsonArray(found.stream().map(e -> (Object) e.toJson()).toList())));
      });
      Replies.json(ctx, result, 200, body -> body);
    };
  }

  private Future<Void> collect(String queue, String jobId, String after, int pages, List<JobEvent> found) {
    return engine.events().readAfter(queue, after, EVENT_PAGE).compose(batch -> {
      for (JobEvent event : batch) {
        if (jobId.equals(event.jobId()) && found.size() < MAX_JOB_EVENTS) {
          found.add(event);
        }
      }
      if (batch.size() < EVENT_PAGE || pages <= 1 || found.size() >= MAX_JOB_EVENTS) {
        return Future.succeededFuture();
      }
      return collect(queue, jobId, batch.get(batch.size() - 1).id(), pages - 1, found);
    });
  }

  /**
   * The caller's token name and role (never the token), so the dashboard offers only what the role may do.
   * The access handler already let the token through; it is looked up again to name it.
   */
  public Handler<RoutingContext> whoami(Authenticator authenticator) {
    return ctx -> {
      Caller caller = authenticator.authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
      Replies.json(ctx, 200, new JsonObject().put("name", caller.name()).put("role", caller.role().wireName()));
    };
  }

  /** The next fires of a cron expression, or 400 naming what is wrong with it. */
  public Handler<RoutingContext> previewCron() {
    return ctx -> {
      Future<JsonObject> result;
      try {
        String timezone = Replies.query(ctx, "timezone");
        String count = Replies.query(ctx, "count");
        CronTimes times = CronTimes.parse(Replies.query(ctx, "expression"), timezone == null ? "UTC" : timezone);
        JsonArray fires = new JsonArray();
        for (Instant fire : times.next(engine.clock().instant(), count == null ? 5 : Integer.parseInt(count))) {
          fires.add(fire.toEpochMilli());
        }
        result = Future.succeededFuture(new JsonObject().put("timezone", times.zone().getId()).put("nextFires", fires));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      Replies.json(ctx, result, 200, body -> body);
    };
  }
}
