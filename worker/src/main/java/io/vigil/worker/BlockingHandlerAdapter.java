package io.vigil.worker;

import io.vertx.core.Future;
import io.vigil.core.consume.JobContext;
import io.vigil.core.consume.JobHandler;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * Runs a {@link BlockingJobHandler} on the Vert.x worker pool (size it with VertxOptions.setWorkerPoolSize),
 * unordered so jobs run in parallel, and interrupts its thread when the job is cancelled.
 */
record BlockingHandlerAdapter(BlockingJobHandler handler) implements JobHandler {

  @Override
  public Future<?> handle(JobContext context) {
    InterruptOnCancel guard = new InterruptOnCancel();
    context.cancelled().onSuccess(reason -> guard.cancel());
    return context.vertx().executeBlocking(() -> guard.run(() -> handler.handle(context)), false);
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
