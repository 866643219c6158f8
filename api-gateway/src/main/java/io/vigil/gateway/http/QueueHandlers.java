package io.vigil.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.QueueInfo;
import java.util.List;

/** Handlers of the queue operations: list, info, pause and resume. */
public record QueueHandlers(Engine engine) {

  public Handler<RoutingContext> list() {
    return ctx -> {
      Future<List<QueueInfo>> infos = engine.admin().listQueues()
          .compose(names -> Future.all(names.stream().map(name -> engine.admin().info(name)).toList()))
          .map(all -> all.<QueueInfo>list());
      Replies.json(ctx, infos, 200, list -> new JsonObject()
          .put("queues", new JsonArray(list.stream().map(info -> (Object) info.toJson()).toList())));
    };
  }

  public Handler<RoutingContext> info() {
    return ctx -> Replies.json(ctx, engine.admin().info(Replies.path(ctx, "queue")), 200, QueueInfo::toJson);
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
