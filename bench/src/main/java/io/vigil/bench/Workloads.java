package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.consume.JobProcessor;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.consume.ProcessorSettings;
import io.vigil.core.job.Backoff;
import io.vigil.core.job.BackoffType;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.queue.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The reference workloads (BullMQ's): each returns the jobs it handled and fills in its own figure. */
final class Workloads {
  static final String PAYLOAD = "{\"p\":\"" + "x".repeat(192) + "\"}";
  static final JobOptions REMOVE_ON_COMPLETE = JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0));
  private final Vertx vertx;
  private final Engine engine;

  Workloads(Vertx vertx, Engine engine) {
    this.vertx = vertx;
    this.engine = engine;
  }

  /** Enqueues {@code total} jobs in bulks of 1000 with a few bulks in flight; returns elapsed ns. */
  long enqueueBulk(String queue, int total, JobOptions options) {
    return enqueueBulk(queue, "bench", total, options);
  }

  /** As above, for jobs named {@code name} (the shipped workers run {@code echo}). */
  long enqueueBulk(String queue, String name, int total, JobOptions options) {
    long start = System.nanoTime();
    List<Future<?>> inFlight = new ArrayList<>();
    for (int sent = 0; sent < total; sent += 1000) {
      List<NewJob> bulk = new ArrayList<>(1000);
      for (int i = 0; i < Math.min(1000, total - sent); i++) {
        bulk.add(NewJob.of(name, PAYLOAD).withOptions(options));
      }
      inFlight.add(engine.enqueuer().enqueueBulk(queue, bulk));
      if (inFlight.size() == 4) {
        Future.all(inFlight).await();
        inFlight.clear();
      }
    }
    Future.all(inFlight).await();
    return System.nanoTime() - start;
  }

  /** Runs processors until {@code expected} jobs completed; returns elapsed ns from start to the last completion. */
  long drain(String queue, int processors, int concurrencyEach, long expected, io.vigil.core.consume.JobHandler handler)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong completed = new AtomicLong();
    ProcessorListener listener = new ProcessorListener() {
      @Override
      public void completed(io.vigil.core.queue.Lease lease, long durationMs) {
        if (completed.incrementAndGet() == expected) {
          done.countDown();
        }
      }
    };
    List<JobProcessor> started = new ArrayList<>();
    long start = System.nanoTime();
    for (int p = 0; p < processors; p++) {
      JobProcessor processor = new JobProcessor(vertx, engine,
          new ProcessorSettings(queue, "bench-" + p, concurrencyEach, 10_000, 1_000, false), handler, listener);
      started.add(processor);
      vertx.runOnContext(v -> processor.start());
    }
    if (!done.await(4, TimeUnit.MINUTES)) {
      throw new IllegalStateException("benchmark did not finish: " + completed.get() + " of " + expected);
    }
    long elapsed = System.nanoTime() - start;
    for (JobProcessor processor : started) {
      processor.stop(1_000).await();
    }
    return elapsed;
  }

  static JobOptions retryOnce() {
    return REMOVE_ON_COMPLETE.withAttempts(3).withBackoff(new Backoff(BackoffType.EXPONENTIAL, 10, 0));
  }
}
