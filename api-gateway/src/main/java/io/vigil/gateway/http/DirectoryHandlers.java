package io.vigil.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.gateway.schedule.ScheduleApi;
import io.vigil.worker.WorkerDirectory;

/** Handlers of the schedule operations and the worker list, over the interfaces the app wires in. */
public record DirectoryHandlers(ScheduleApi schedules, WorkerDirectory workers) {

  public Handler<RoutingContext> listSchedules() {
    return ctx -> Replies.json(ctx, schedules.list(), 200,
        list -> new JsonObject().put("schedules", new JsonArray(list.stream().map(s -> (Object) s).toList())));
  }

  public Handler<RoutingContext> putSchedule() {
    return ctx -> Replies.json(ctx, schedules.put(Replies.path(ctx, "id"), Replies.body(ctx)), 200, view -> view);
  }

  public Handler<RoutingContext> getSchedule() {
    return ctx -> {
      String id = Replies.path(ctx, "id");
      Replies.json(ctx, schedules.get(id).compose(view -> view != null
          ? Future.succeededFuture(view)
          : Future.failedFuture(scheduleNotFound(id))), 200, view -> view);
    };
  }

  public Handler<RoutingContext> deleteSchedule() {
    return ctx -> {
      String id = Replies.path(ctx, "id");
      Replies.noContent(ctx, schedules.delete(id).compose(deleted -> deleted
          ? Future.succeededFuture()
          : Future.failedFuture(scheduleNotFound(id))));
    };
  }

  public Handler<RoutingContext> listWorkers() {
    return ctx -> Replies.json(ctx, workers.list(), 200,
        list -> new JsonObject().put("workers", new JsonArray(list.stream().map(w -> (Object) w.toJson()).toList())));
  }

  private static HttpProblem scheduleNotFound(String id) {
    return new HttpProblem(404, "SCHEDULE_NOT_FOUND", "schedule " + id + " not found");
  }
}
