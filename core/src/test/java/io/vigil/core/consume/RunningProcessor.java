package io.vigil.core.consume;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** A processor started on its own event-loop context, stopped on that context as a verticle would. */
record RunningProcessor(Context context, JobProcessor processor) {

  static RunningProcessor start(Vertx vertx, JobProcessor processor) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> processor.start());
    return new RunningProcessor(context, processor);
  }

  void stop(long graceMs) throws Exception {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(v -> processor.stop(graceMs).onComplete(stopped));
    stopped.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
