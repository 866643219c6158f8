package io.vigil.core.consume;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.FailResult;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.queue.Lease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue with a fixed concurrency, on one Vert.x context.
 * 1. Runs the jobs its {@code FetchLoop} fetches while it has free slots; finished jobs are completed in
 *    batches ({@code CompletionBatch}), and each leases its next job in the same round trip.
 * 2. Records each job's outcome (complete or fail), and cancels a job on an operator's request.
 * 3. Extends every lease it holds in one call per heartbeat; a lease it cannot keep cancels the handler.
 * 4. Enforces per-job timeouts, computes retry backoff, and joins the stalled-job check.
 * 5. On stop, lets running jobs finish within a grace period and hands the rest back to waiting.
 * 6. Ends every lease it was granted in complete, fail or release before stop completes: a call whose reply
 *    was lost is repeated with the same lease tokens, which finds the job it leased; a job handed over
 *    while stopping (the next job of a finish, a fetch in flight) is released at once.
 * 7. After a lease could not be renewed in time, fetches nothing until Redis answers again (see {@code FetchLoop}).
 */
public final class JobProcessor {
  private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);

  private final Vertx vertx;
  private final Engine engine;
  private final ProcessorSettings settings;
  private final JobHandler handler;
  private final ProcessorListener listener;
  private final Map<String, RunningJob> running = new LinkedHashMap<>();
  private Context context;
  private boolean stopping;
  private PeriodicTask heartbeatTask;
  private long graceTimer = -1;
  private Promise<Void> drained;
  private Future<Void> stopped;
  private final StalledChecker stalledChecker;
  private final LeaseHeartbeat heartbeat;
  private final UntilAnswered untilAnswered;
  private final FetchLoop fetchLoop;
  private CompletionBatch completions;

  public JobProcessor(Vertx vertx, Engine engine, ProcessorSettings settings, JobHandler handler, ProcessorListener listener) {
    this.vertx = vertx;
    this.engine = engine;
    this.settings = settings;
    this.handler = handler;
    this.listener = listener == null ? ProcessorListener.NONE : listener;
    this.heartbeat = new LeaseHeartbeat(engine, settings.queue(), settings.heartbeatMs(), running::values, this::fence);
    this.untilAnswered = new UntilAnswered(vertx, engine.clock(), e -> this.listener.redisError(settings.queue(), e));
    this.stalledChecker = new StalledChecker(vertx, engine, settings.queue(), this.listener);
    this.fetchLoop = new FetchLoop(vertx, engine, settings, this.listener, running::size, () -> stopping,
        this::take, this::checkDrained);
  }

  /** Starts consuming on the caller's context. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    completions = new CompletionBatch(engine, settings, untilAnswered, context);
    heartbeatTask = PeriodicTask.start(vertx, engine.clock(), "lease-heartbeat queue=" + settings.queue()
        + " workerId=" + settings.workerId(), settings.heartbeatMs(), heartbeat::beat);
    if (settings.runStalledChecks()) {
      stalledChecker.start();
    }
    fetchLoop.pump();
    return Future.succeededFuture();
  }

  public int activeCount() {
    return running.size();
  }

  public ProcessorSettings settings() {
    return settings;
  }

  /** Cancels one running job (operator cancel); the handler is told and the attempt fails without retry. */
  public boolean cancel(String jobId, String reason) {
    RunningJob job = running.get(jobId);
    if (job == null) {
      return false;
    }
    // Settle first: a handler that fails at once on the signal must not have its error recorded instead.
    settle(job, JobFailure.permanent(reason));
    job.context.cancel(reason);
    return true;
  }

  /**
   * Stops fetching, waits up to {@code graceMs} for running jobs, then cancels the rest and hands them
   * back to waiting at once. Completes once every lease this processor was granted has ended and no
   * heartbeat or stalled check of it runs.
   */
  public Future<Void> stop(long graceMs) {
    if (context != null && Vertx.currentContext() != context) {
      // Every field here belongs to the processor's context; a caller elsewhere (the bench's main thread, a
      // test) would race its completions and corrupt the running map.
      Promise<Void> onContext = Promise.promise();
      context.runOnContext(v -> stop(graceMs).onComplete(onContext));
      return onContext.future();
    }
    if (stopped != null) {
      return stopped;
    }
    stopping = true;
    drained = Promise.promise();
    Future<Void> checks = stalledChecker.stop();
    fetchLoop.closeChannel();
    // Heartbeats go on until the last lease has ended, so no job in hand expires meanwhile.
    graceTimer = vertx.setTimer(Math.max(1, graceMs), id -> handBack());
    Future<Void> beats = drained.future().compose(v -> {
      vertx.cancelTimer(graceTimer);
      return heartbeatTask == null ? Future.succeededFuture() : heartbeatTask.stop();
    });
    stopped = Future.join(beats, checks).mapEmpty();
    fetchLoop.pump();
    return stopped;
  }

  /** Cancels the jobs still running and releases them; a job whose outcome is being recorded is left to that call. */
  private void handBack() {
    for (RunningJob job : new ArrayList<>(running.values())) {
      if (job.settled) {
        continue;
      }
      job.settled = true;
      vertx.cancelTimer(job.timeoutTimer);
      job.context.cancel("shutdown");
      release(job);
    }
  }

  /** Runs a job handed to this processor, or releases it when the processor is stopping. */
  private void take(Lease lease) {
    if (!stopping) {
      run(lease);
      return;
    }
    RunningJob job = new RunningJob(lease, new JobContext(vertx, lease, engine.transitions()));
    job.settled = true;
    running.put(lease.jobId(), job);
    release(job);
  }

  /** Hands a job back to waiting; it stays in {@code running} (and heartbeated) until Redis answered. */
  private void release(RunningJob job) {
    untilAnswered.run(() -> engine.transitions().release(job.lease), leaseDeadline()).onComplete(ar -> {
      // A lease mismatch on a repeat means our first try released it (or another holder has it): not ours either way.
      if (ar.failed() && !(ar.cause() instanceof LeaseMismatchException)) {
        log.warn("release failed queue={} jobId={} error={}", settings.queue(), job.lease.jobId(), ar.cause().toString());
      }
      afterFinish(job, null);
    });
  }

  private void checkDrained() {
    if (drained != null && running.isEmpty() && fetchLoop.quiet()) {
      drained.tryComplete();
    }
  }

  private long leaseDeadline() {
    return engine.clock().millis() + engine.settings().leaseMs();
  }

  private void run(Lease lease) {
    JobContext jobContext = new JobContext(vertx, lease, engine.transitions());
    RunningJob job = new RunningJob(lease, jobContext);
    running.put(lease.jobId(), job);
    listener.started(lease);
    Long timeout = lease.job().options().timeoutMs();
    if (timeout != null) {
      job.timeoutTimer = vertx.setTimer(timeout, id -> {
        settle(job, new RuntimeException("timed out after " + timeout + " ms"));
        jobContext.cancel("timeout");
      });
    }
    Future<?> result;
    try {
      result = handler.handle(jobContext);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    if (result == null) {
      result = Future.succeededFuture();
    }
    result.onComplete(ar -> onContext(() -> {
      if (ar.succeeded()) {
        settleSuccess(job, ar.result());
      } else {
        settle(job, ar.cause());
      }
    }));
  }

  private void settleSuccess(RunningJob job, Object value) {
    if (job.settled) {
      return;
    }
    job.settled = true;
    vertx.cancelTimer(job.timeoutTimer);
    String resultJson;
    try {
      resultJson = value == null ? "null" : Json.encode(value);
    } catch (RuntimeException e) {
      job.settled = false;
      settle(job, new RuntimeException("result is not JSON-encodable: " + e.getMessage()));
      return;
    }
    // Completions finishing together share one call, which also leases each one's next job.
    Future<FetchOutcome> call = completions.complete(job.lease, resultJson,
        stopping ? null : engine.transitions().newLeaseToken());
    call.onComplete(ar -> {
      if (ar.succeeded()) {
        listener.completed(job.lease, job.elapsedMs());
      } else {
        finishFailed(job, ar.cause());
      }
      afterFinish(job, ar.succeeded() ? ar.result() : null);
    });
  }

  private void settle(RunningJob job, Throwable error) {
    if (job.settled) {
      return;
    }
    job.settled = true;
    vertx.cancelTimer(job.timeoutTimer);
    String message = FailurePolicy.describe(error);
    long retryDelay = FailurePolicy.retryDelay(job.lease, error, engine.settings().defaultBackoff());
    String fetchFor = stopping ? null : settings.workerId();
    String nextToken = engine.transitions().newLeaseToken();
    Future<FailResult> call = untilAnswered.run(
        () -> engine.transitions().fail(job.lease, message, retryDelay, fetchFor, nextToken), leaseDeadline());
    call.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result().outcome() == io.vigil.core.queue.FailOutcome.RETRYING) {
          listener.retrying(job.lease, job.elapsedMs(), message);
        } else {
          listener.failed(job.lease, job.elapsedMs(), message);
        }
      } else {
        finishFailed(job, ar.cause());
      }
      afterFinish(job, ar.succeeded() ? ar.result().next() : null);
    });
  }

  /** The finishing call itself failed: a lost lease is fenced, anything else is left to stalled recovery. */
  private void finishFailed(RunningJob job, Throwable cause) {
    if (cause instanceof LeaseMismatchException || cause instanceof JobNotFoundException) {
      listener.leaseLost(job.lease);
    } else {
      listener.redisError(settings.queue(), cause);
      log.warn("could not record outcome queue={} jobId={} error={}", settings.queue(), job.lease.jobId(), cause.toString());
    }
  }

  private void afterFinish(RunningJob job, FetchOutcome next) {
    running.remove(job.lease.jobId());
    if (next instanceof FetchOutcome.Fetched fetched) {
      take(fetched.lease());
    }
    fetchLoop.pump();
  }

  /** Stops a job whose lease is gone without recording any outcome: the new holder owns it. */
  private void fence(RunningJob job, String reason) {
    if (job.settled) {
      return;
    }
    job.settled = true;
    vertx.cancelTimer(job.timeoutTimer);
    job.context.cancel(reason);
    listener.leaseLost(job.lease);
    if (LeaseHeartbeat.UNRENEWABLE.equals(reason)) {
      fetchLoop.cutOff();
      log.warn("lease could not be renewed, handler cancelled and fetching paused queue={} jobId={}", settings.queue(), job.lease.jobId());
    }
    afterFinish(job, null);
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
