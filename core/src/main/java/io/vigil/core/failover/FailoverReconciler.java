package io.vigil.core.failover;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.ReconcileReport;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.MasterChange;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the new master's state consistent after a switch, so nothing stays stuck (writes that did not
 * reach it are gone).
 * 1. Claims the pass for the new master's replication id: one node does it, the others skip.
 * 2. Reconciles the known queues in one walk of the keyspace, then runs a forced stalled check per queue
 *    (expired leases come back now, not one interval later).
 * 3. One pass at a time: a switch during a pass schedules one more pass after it.
 */
public final class FailoverReconciler {
  private static final Logger log = LoggerFactory.getLogger(FailoverReconciler.class);
  /** Long enough for a pass over a large keyspace; a node that dies mid-pass frees it after this. */
  private static final long CLAIM_MS = 5 * 60_000;
  /** How long a finished pass is remembered, so late nodes do not repeat it. */
  private static final long DONE_MS = 24 * 3600_000L;
  /** Failovers the log keeps (the dashboard shows their count and the last one). */
  private static final int FAILOVERS_KEPT = 1000;
  private static final String REPL_ID = "master_replid:";
  private static final ReconcileReport NONE = new ReconcileReport(0, 0, 0);
  private final String token = UUID.randomUUID().toString();
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

  /**
   * Starts a pass, or joins the running one and asks for another after it; completes with the totals
   * (all zero when another node reconciles, or reconciled, the current master).
   */
  public Future<ReconcileReport> reconcileNow() {
    Promise<ReconcileReport> pass = Promise.promise();
    synchronized (this) {
      if (running != null) {
        again = true;
        return running;
      }
      running = pass.future();
    }
    claim().compose(replId -> replId.isEmpty() ? Future.succeededFuture(NONE) : claimedPass(replId)).onComplete(ar -> {
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

  /**
   * The master's replication id when this node won the pass for it; empty when another node holds it
   * or finished it. The replication id is read from the master itself, so every node names the same key.
   */
  private Future<String> claim() {
    return engine.broker().send(Request.cmd(Command.INFO).arg("replication")).compose(info -> {
      String replId = masterReplId(info.toString());
      if (replId == null) {
        return Future.failedFuture(new IllegalStateException("master reports no master_replid"));
      }
      String key = QueueKeys.reconcileKey(engine.settings().prefix(), replId);
      return engine.broker().eval(Script.HOLD_LEASE, List.of(key), List.of(token, Long.toString(CLAIM_MS)))
          .map(taken -> {
            if (taken.toLong() == 0) {
              log.info("reconciliation skipped, another node claimed or finished it masterReplId={}", replId);
              return "";
            }
            return replId;
          });
    });
  }

  private static String masterReplId(String info) {
    return info.lines().filter(line -> line.startsWith(REPL_ID) && line.length() > REPL_ID.length())
        .map(line -> line.substring(REPL_ID.length()).trim()).findFirst().orElse(null);
  }

  /**
   * Marks the pass done and logs the failover when it succeeded; frees the claim when it failed, so the
   * next pass may retry.
   */
  private Future<ReconcileReport> claimedPass(String replId) {
    String prefix = engine.settings().prefix();
    String key = QueueKeys.reconcileKey(prefix, replId);
    return queues.get().compose(this::reconcileAll)
        .compose(report -> engine.broker().eval(Script.FINISH_RECONCILE,
                List.of(key, QueueKeys.failoversKey(prefix)),
                List.of(Long.toString(DONE_MS), replId, Integer.toString(FAILOVERS_KEPT)))
            .map(recorded -> report))
        .recover(error -> engine.broker().eval(Script.HOLD_LEASE, List.of(key), List.of(token, "0"))
            .transform(released -> Future.failedFuture(error)));
  }

  private Future<ReconcileReport> reconcileAll(List<String> names) {
    Future<ReconcileReport> chain = engine.recovery().reconcile(names).onSuccess(report -> {
      if (report.refiled() + report.requeued() + report.dropped() > 0) {
        log.info("queues reconciled queues={} refiled={} requeued={} dropped={}",
            names.size(), report.refiled(), report.requeued(), report.dropped());
      }
    });
    for (String queue : names) {
      chain = chain.compose(total -> engine.recovery().recoverStalled(queue, true).map(stalled -> {
        if (stalled.requeued() + stalled.failed() > 0) {
          log.info("expired leases recovered queue={} stalledRequeued={} stalledFailed={}", queue,
              stalled.requeued(), stalled.failed());
        }
        return total;
      }));
    }
    return chain.onSuccess(total -> log.info("reconciliation finished queues={} refiled={} requeued={} dropped={}",
        names.size(), total.refiled(), total.requeued(), total.dropped()));
  }
}
