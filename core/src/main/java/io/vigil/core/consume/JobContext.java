package io.vigil.core.consume;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vigil.core.job.Job;
import io.vigil.core.queue.JobTransitions;
import io.vigil.core.queue.Lease;

/**
 * What a handler sees of its job: the job, its lease (fencing) token, progress reporting, and a
 * cancellation signal raised on timeout, on lease loss, on shutdown, or by an operator.
 */
public final class JobContext {
  private final Vertx vertx;
  private final Lease lease;
  private final JobTransitions transitions;
  private final Promise<String> cancelled = Promise.promise();

  JobContext(Vertx vertx, Lease lease, JobTransitions transitions) {
    this.vertx = vertx;
    this.lease = lease;
    this.transitions = transitions;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Job job() {
    return lease.job();
  }

  public Lease lease() {
    return lease;
  }

  /** Pass this to downstream systems that can reject writes from a holder that is no longer current. */
  public String fencingToken() {
    return lease.token();
  }

  /** Stores progress (any JSON value) and emits a progress event; refused once the lease is lost. */
  public Future<Void> progress(Object progress) {
    return transitions.updateProgress(lease, Json.encode(progress));
  }

  /** Completes with the reason when the handler should stop. */
  public Future<String> cancelled() {
    return cancelled.future();
  }

  public boolean isCancelled() {
    return cancelled.future().isComplete();
  }

  void cancel(String reason) {
    cancelled.tryComplete(reason);
  }
}
