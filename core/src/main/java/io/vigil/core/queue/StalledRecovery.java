package io.vigil.core.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import io.vigil.core.script.ScriptTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Brings jobs back when their holder is gone: {@link #recoverStalled} puts expired leases back (one worker
 * per interval); {@link #reconcile}, after a failover, re-files what sits in no state structure.
 */
public final class StalledRecovery {
  private static final int SCAN_COUNT = 500;
  private final Broker broker;
  private final EngineSettings settings;
  private final ScriptTime time;
  private final QueueKeyCache keys;

  public StalledRecovery(Broker broker, EngineSettings settings, ScriptTime time, QueueKeyCache keys) {
    this.broker = broker;
    this.settings = settings;
    this.time = time;
    this.keys = keys;
  }

  /** Runs the check unless another worker ran it within the stalled interval ({@code force} skips that guard). */
  public Future<StalledReport> recoverStalled(String queue, boolean force) {
    QueueKeys k = keys.of(queue);
    List<String> args = List.of(k.jobPrefix(), time.arg(), Long.toString(settings.stalledIntervalMs()),
        Integer.toString(settings.maxStalledCount()), Integer.toString(settings.stalledBatch()),
        Integer.toString(settings.maxEvents()), Integer.toString(settings.keepFailed()),
        Long.toString(settings.retentionMs()), force ? "1" : "0", k.leasePrefix());
    return broker.eval(Script.RECOVER_STALLED, k.scriptKeys(), args).map(r -> r.get(0).toLong() == 0
        ? new StalledReport(false, 0, 0)
        : new StalledReport(true, r.get(1).toInteger(), r.get(2).toInteger()));
  }

  /**
   * Re-files every inconsistent job of the queues, in one walk of the keyspace: SCAN visits every key
   * whatever its MATCH, so a walk per queue would cost the whole keyspace once per queue.
   */
  public Future<ReconcileReport> reconcile(List<String> queues) {
    Map<String, QueueKeys> byJobPrefix = new HashMap<>();
    try {
      queues.stream().map(keys::of).forEach(k -> byJobPrefix.put(k.jobPrefix(), k));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (byJobPrefix.isEmpty()) {
      return Future.succeededFuture(new ReconcileReport(0, 0, 0));
    }
    String pattern = byJobPrefix.size() == 1 ? escapeGlob(byJobPrefix.keySet().iterator().next()) + "*"
        : QueueKeys.allJobsPattern(settings.prefix());
    Future<ReconcileReport> chain = scanJobs(byJobPrefix, pattern, "0", new ReconcileReport(0, 0, 0));
    for (QueueKeys k : byJobPrefix.values()) {
      chain = chain.compose(report -> sweepStructures(k, report));
    }
    return chain;
  }

  private Future<ReconcileReport> scanJobs(Map<String, QueueKeys> byJobPrefix, String pattern, String cursor,
                                           ReconcileReport sofar) {
    Request scan = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SCAN_COUNT);
    return broker.send(scan).compose(reply -> {
      String next = reply.get(0).toString();
      Map<QueueKeys, List<String>> idsByQueue = new HashMap<>();
      for (Response key : reply.get(1)) {
        String jobKey = key.toString();
        QueueKeys k = byJobPrefix.get(QueueKeys.jobPrefixOf(jobKey));
        String id = k == null ? null : jobKey.substring(k.jobPrefix().length());
        // Job ids hold no ':', so this skips the payload keys (<id>:data).
        if (id != null && id.indexOf(':') < 0) {
          idsByQueue.computeIfAbsent(k, q -> new ArrayList<>()).add(id);
        }
      }
      Future<ReconcileReport> step = Future.succeededFuture(sofar);
      for (Map.Entry<QueueKeys, List<String>> page : idsByQueue.entrySet()) {
        step = step.compose(report -> reconcileIds(page.getKey(), page.getValue()).map(report::plus));
      }
      return step.compose(report -> "0".equals(next) ? Future.succeededFuture(report)
          : scanJobs(byJobPrefix, pattern, next, report));
    });
  }

  /** Ids listed in a state structure whose hash is gone are dropped by the same script. */
  private Future<ReconcileReport> sweepStructures(QueueKeys k, ReconcileReport sofar) {
    Future<ReconcileReport> chain = Future.succeededFuture(sofar);
    for (String set : List.of(k.waiting(), k.delayed(), k.active(), k.completed(), k.failed())) {
      chain = chain.compose(report -> sweepSet(k, set, "0", report));
    }
    return chain;
  }

  /**
   * Walks one structure in pages (ZSCAN, as the hashes are walked with SCAN), so a large queue never
   * becomes one huge reply and one huge script call; ids the scan returns twice are reconciled twice, harmlessly.
   */
  private Future<ReconcileReport> sweepSet(QueueKeys k, String set, String cursor, ReconcileReport sofar) {
    Request scan = Request.cmd(Command.ZSCAN).arg(set).arg(cursor).arg("COUNT").arg(SCAN_COUNT);
    return broker.send(scan).compose(reply -> {
      String next = reply.get(0).toString();
      Response membersAndScores = reply.get(1);
      List<String> ids = IntStream.iterate(0, i -> i < membersAndScores.size(), i -> i + 2)
          .mapToObj(i -> membersAndScores.get(i).toString()).toList();
      Future<ReconcileReport> step = ids.isEmpty() ? Future.succeededFuture(sofar) : reconcileIds(k, ids).map(sofar::plus);
      return step.compose(report -> "0".equals(next) ? Future.succeededFuture(report) : sweepSet(k, set, next, report));
    });
  }

  private Future<ReconcileReport> reconcileIds(QueueKeys k, List<String> ids) {
    List<String> args = new ArrayList<>(3 + ids.size());
    args.add(k.jobPrefix());
    args.add(time.arg());
    args.add(Integer.toString(settings.maxEvents()));
    args.addAll(ids);
    return broker.eval(Script.RECONCILE, k.scriptKeys(), args)
        .map(r -> new ReconcileReport(r.get(0).toInteger(), r.get(1).toInteger(), r.get(2).toInteger()));
  }

  private static String escapeGlob(String s) {
    return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
