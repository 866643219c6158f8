package io.vigil.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.error.WrongStateException;
import io.vigil.core.job.JobState;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.JobPage;
import io.vigil.gateway.BusAddresses;
import io.vigil.gateway.submit.Submitter;
import io.vigil.gateway.submit.SubmitResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handlers of the job operations: submit, bulk submit, list, get, remove, retry and cancel. */
public record JobHandlers(Engine engine, Submitter submitter, EventBus bus) {
  private static final Logger LOG = LoggerFactory.getLogger(JobHandlers.class);

  public Handler<RoutingContext> submit() {
    return ctx -> reply(ctx, submitter.submit(Replies.path(ctx, "queue"), Replies.body(ctx)));
  }

  public Handler<RoutingContext> submitBulk() {
    return ctx -> reply(ctx, submitter.submitBulk(Replies.path(ctx, "queue"), Replies.body(ctx).getJsonArray("jobs")));
  }

  private static void reply(RoutingContext ctx, Future<SubmitResult> result) {
    result.onSuccess(r -> Replies.json(ctx, r.status(), r.job())).onFailure(ctx::fail);
  }

  public Handler<RoutingContext> list() {
    return ctx -> {
      String state = Replies.query(ctx, "state");
      String limit = Replies.query(ctx, "limit");
      Future<JobPage> page = engine.admin().list(Replies.path(ctx, "queue"),
          JobState.fromWire(state == null ? "waiting" : state), limit == null ? 50 : Integer.parseInt(limit),
          Replies.query(ctx, "cursor"));
      Replies.json(ctx, page, 200, p -> new JsonObject()
          .put("jobs", new JsonArray(p.jobs().stream().map(j -> (Object) j.toJson()).toList()))
          .put("nextCursor", p.nextCursor()));
    };
  }

  public Handler<RoutingContext> get() {
    return ctx -> Replies.json(ctx, engine.admin().getJob(Replies.path(ctx, "queue"), Replies.path(ctx, "id")), 200,
        job -> job.toJson());
  }

  public Handler<RoutingContext> remove() {
    return ctx -> Replies.noContent(ctx, engine.admin().remove(Replies.path(ctx, "queue"), Replies.path(ctx, "id")));
  }

  public Handler<RoutingContext> retry() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      String id = Replies.path(ctx, "id");
      Replies.json(ctx, engine.admin().retry(queue, id).compose(v -> engine.admin().getJob(queue, id)), 200,
          job -> job.toJson());
    };
  }

  /** Publishes {queue, jobId} on vigil.jobs.cancel for an active job; the worker running it stops its handler. */
  public Handler<RoutingContext> cancel() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      String id = Replies.path(ctx, "id");
      Future<JsonObject> result = engine.admin().getJob(queue, id).compose(job -> {
        if (job.state() != JobState.ACTIVE) {
          return Future.failedFuture(new WrongStateException("job " + id + " is " + job.state().wireName()
              + "; only an active job can be cancelled"));
        }
        JsonObject signal = new JsonObject().put("queue", queue).put("jobId", id);
        bus.publish(BusAddresses.CANCEL, signal);
        LOG.info("job=cancel-requested queue={} jobId={}", queue, id);
        return Future.succeededFuture(signal.copy().put("cancelRequested", true));
      });
      Replies.json(ctx, result, 202, body -> body);
    };
  }
}
