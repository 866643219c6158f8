package io.vigil.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.error.QueueUnknownException;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.QueueInfo;
import io.vigil.core.queue.QueueLimits;
import io.vigil.gateway.auth.AccessHandler;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.auth.QueueScope;
import java.util.List;

/** Handlers of the queue operations: list, info, declare, delete, pause and resume. */
public record QueueHandlers(Engine engine) {

  /** The queues the caller's token may use (a token limited by queue patterns sees only its own). */
  public Handler<RoutingContext> list() {
    return ctx -> {
      Caller caller = ctx.get(AccessHandler.CALLER);
      QueueScope scope = caller == null ? QueueScope.ANY : caller.queues();
      Future<List<QueueInfo>> infos = engine.admin().listQueues()
          .compose(names -> Future.all(names.stream().filter(scope::allows)
              .map(name -> engine.admin().info(name)).toList()))
          .map(all -> all.<QueueInfo>list());
      Replies.json(ctx, infos, 200, list -> new JsonObject()
          .put("queues", new JsonArray(list.stream().map(info -> (Object) info.toJson()).toList())));
    };
  }

  /** With VIGIL_QUEUES_DECLARED an undeclared queue is 404 QUEUE_UNKNOWN; otherwise any name answers its counts. */
  public Handler<RoutingContext> info() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      Future<Boolean> known = engine.settings().queues().declaredOnly() ? engine.queues().exists(queue)
          : Future.succeededFuture(true);
      Replies.json(ctx, known.compose(yes -> yes ? engine.admin().info(queue)
          : Future.failedFuture(new QueueUnknownException("queue " + queue + " is not declared"))), 200,
          QueueInfo::toJson);
    };
  }

  /** 201 when declared now, 200 when it was declared already; {@code {"limits": {...}}} sets its limits too. */
  public Handler<RoutingContext> declare() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      JsonObject body = Replies.body(ctx);
      JsonObject given = body == null ? null : body.getJsonObject("limits");
      Future<Boolean> declared;
      try {
        QueueLimits limits = given == null ? null : new QueueLimits(given.getInteger("maxActive"),
            given.getInteger("rateMax"), given.getLong("rateWindowMs"));
        declared = engine.queues().declare(queue, limits);
      } catch (RuntimeException e) {
        declared = Future.failedFuture(e);
      }
      declared.compose(isNew -> engine.admin().info(queue).map(info -> {
        Replies.json(ctx, isNew ? 201 : 200, info.toJson());
        return null;
      })).onFailure(ctx::fail);
    };
  }

  public Handler<RoutingContext> delete() {
    return ctx -> Replies.noContent(ctx,
        engine.queues().delete(Replies.path(ctx, "queue"), "true".equals(Replies.query(ctx, "force"))));
  }

  public Handler<RoutingContext> pause() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      Replies.json(ctx, engine.admin().pause(queue).compose(v -> engine.admin().info(queue)), 200, QueueInfo::toJson);
    };
  }

  public Handler<RoutingContext> resume() {
    return ctx -> {
      String queue = Replies.path(ctx, "queue");
      Replies.json(ctx, engine.admin().resume(queue).compose(v -> engine.admin().info(queue)), 200, QueueInfo::toJson);
    };
  }
}
