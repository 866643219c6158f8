package io.vigil.worker;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vigil.core.consume.JobContext;
import io.vigil.core.consume.JobHandler;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * Runs a {@link BlockingJobHandler} off the event loop (a given worker executor, or the Vert.x worker pool),
 * unordered so jobs run in parallel, and interrupts its thread when the job is cancelled.
 */
public final class BlockingHandlerAdapter implements JobHandler {
  private final BlockingJobHandler handler;
  private final WorkerExecutor executor;

  /** {@code executor} null: the Vert.x worker pool (size it with VertxOptions.setWorkerPoolSize). */
  public BlockingHandlerAdapter(BlockingJobHandler handler, WorkerExecutor executor) {
    this.handler = handler;
    this.executor = executor;
  }

  @Override
  public Future<?> handle(JobContext context) {
    InterruptOnCancel guard = new InterruptOnCancel();
    context.cancelled().onSuccess(reason -> guard.cancel());
    Callable<Object> work = () -> guard.run(() -> handler.handle(context));
    return executor != null ? executor.executeBlocking(work, false) : context.vertx().executeBlocking(work, false);
  }

  /**
   * Interrupts the thread only while it runs this job, and clears any interrupt before the thread goes
   * back to the pool, so a late cancel can never hit the next job on that thread.
   */
  private static final class InterruptOnCancel {
    private Thread runner;
    private boolean cancelled;

    Object run(Callable<Object> work) throws Exception {
      synchronized (this) {
        if (cancelled) {
          throw new CancellationException("cancelled before it started");
        }
        runner = Thread.currentThread();
      }
      try {
        return work.call();
      } finally {
        synchronized (this) {
          runner = null;
          Thread.interrupted();
        }
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (runner != null) {
        runner.interrupt();
      }
    }
  }
}
