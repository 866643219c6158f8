package io.vigil.worker;

import io.vertx.core.Future;
import io.vigil.core.consume.JobContext;
import io.vigil.core.consume.JobFailure;
import io.vigil.core.consume.JobHandler;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers of a worker, by job name, and itself the one {@link JobHandler} the processors run; a job whose
 * name has no handler fails at once and for good.
 */
public final class HandlerRegistry implements JobHandler {
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();

  public static HandlerRegistry withBuiltIns() {
    return new HandlerRegistry().register(EchoHandler.NAME, new EchoHandler());
  }

  /** Adds a non-blocking handler; a name can be registered once. */
  public HandlerRegistry register(String name, JobHandler handler) {
    if (name == null || name.isBlank() || handler == null) {
      throw new IllegalArgumentException("a handler needs a name and an implementation");
    }
    if (handlers.putIfAbsent(name, handler) != null) {
      throw new IllegalArgumentException("a handler for job name '" + name + "' is already registered");
    }
    return this;
  }

  /** Adds a blocking handler; it runs on the Vert.x worker pool. */
  public HandlerRegistry registerBlocking(String name, BlockingJobHandler handler) {
    return register(name, new BlockingHandlerAdapter(handler));
  }

  public Set<String> names() {
    return new TreeSet<>(handlers.keySet());
  }

  @Override
  public Future<?> handle(JobContext context) {
    String name = context.job().name();
    JobHandler handler = handlers.get(name);
    if (handler == null) {
      return Future.failedFuture(JobFailure.permanent(
          "no handler for job name '" + name + "' on this worker; it handles " + names()));
    }
    return handler.handle(context);
  }
}
