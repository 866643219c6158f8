package io.vigil.core.failover;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.ReconcileReport;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.MasterChange;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every queue back in order after the Redis master changed.
 * 1. Lists the known queues (by default every queue registered under the engine's prefix).
 * 2. For each, runs {@code reconcile} (a job hash in no state structure is re-filed, an active job without
 *    a lease entry goes back to waiting) and a forced stalled check (expired leases come back now, not
 *    one interval later).
 * 3. One pass at a time: a switch during a pass schedules one more pass after it.
 * Writes on the old master that did not reach the new one are gone; this makes the state the new master
 * has consistent, so nothing stays stuck.
 */
public final class FailoverReconciler {
  private static final Logger log = LoggerFactory.getLogger(FailoverReconciler.class);
  private final Engine engine;
  private final Supplier<Future<List<String>>> queues;
  private Future<ReconcileReport> running;
  private boolean again;

  public FailoverReconciler(Engine engine, Supplier<Future<List<String>>> queues) {
    this.engine = engine;
    this.queues = queues;
  }

  /** Reconciles every queue the engine's admin lists. */
  public static FailoverReconciler forAllQueues(Engine engine) {
    return new FailoverReconciler(engine, () -> engine.admin().listQueues());
  }

  /** Runs a pass after each master switch the broker reports. */
  public FailoverReconciler attachTo(FailoverBroker broker) {
    broker.onMasterChanged(this::onMasterChanged);
    return this;
  }

  private void onMasterChanged(MasterChange change) {
    log.info("reconciling queues after master change from={} to={} epoch={}", change.from(), change.to(), change.epoch());
    reconcileNow();
  }

  /** Starts a pass, or joins the running one and asks for another after it; completes with the totals. */
  public Future<ReconcileReport> reconcileNow() {
    Promise<ReconcileReport> pass = Promise.promise();
    synchronized (this) {
      if (running != null) {
        again = true;
        return running;
      }
      running = pass.future();
    }
    queues.get().compose(this::reconcileAll).onComplete(ar -> {
      finished(ar.failed() ? ar.cause() : null);
      pass.handle(ar);
    });
    return pass.future();
  }

  private void finished(Throwable error) {
    boolean next;
    synchronized (this) {
      running = null;
      next = again;
      again = false;
    }
    if (error != null) {
      log.warn("queue reconciliation failed error={}", error.toString());
    }
    if (next) {
      reconcileNow();
    }
  }

  private Future<ReconcileReport> reconcileAll(List<String> names) {
    Future<ReconcileReport> chain = Future.succeededFuture(new ReconcileReport(0, 0, 0));
    for (String queue : names) {
      chain = chain.compose(total -> reconcileQueue(queue).map(total::plus));
    }
    return chain.onSuccess(total -> log.info("queues reconciled queues={} refiled={} requeued={} dropped={}",
        names.size(), total.refiled(), total.requeued(), total.dropped()));
  }

  private Future<ReconcileReport> reconcileQueue(String queue) {
    return engine.recovery().reconcile(queue)
        .compose(report -> engine.recovery().recoverStalled(queue, true).map(stalled -> {
          if (report.refiled() + report.requeued() + report.dropped() + stalled.requeued() + stalled.failed() > 0) {
            log.info("queue reconciled queue={} refiled={} requeued={} dropped={} stalledRequeued={} stalledFailed={}",
                queue, report.refiled(), report.requeued(), report.dropped(), stalled.requeued(), stalled.failed());
          }
          return report;
        }));
  }
}
