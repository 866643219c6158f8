package io.vigil.core.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.QueueUnknownException;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import io.vigil.core.script.ScriptStatus;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns which queues exist ({@code <prefix>:queues}), the set every node walks for events, metrics and
 * reconcile.
 * 1. Declares a queue (admin call or VIGIL_QUEUES), refused beyond VIGIL_MAX_QUEUES inside the script.
 * 2. Deletes a queue: one script refuses a busy one (unless forced), takes it out of the set and drops its
 *    state structures; then its per-id keys are swept in SCAN batches of {@link #SWEEP_BATCH}, so no call
 *    blocks Redis. The sweep stops if the queue is declared again meanwhile, so it never removes a live job.
 */
public final class QueueRegistry {
  static final int SWEEP_BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(QueueRegistry.class);
  private final Broker broker;
  private final EngineSettings settings;
  private final QueueKeyCache keys;

  public QueueRegistry(Broker broker, EngineSettings settings, QueueKeyCache keys) {
    this.broker = broker;
    this.settings = settings;
    this.keys = keys;
  }

  /** True when the queue is new; {@code limits} null leaves its limits as they are. */
  public Future<Boolean> declare(String queue, QueueLimits limits) {
    return Future.succeededFuture(queue).map(keys::of).compose(k -> {
      List<String> args = new ArrayList<>(List.of(queue, Integer.toString(settings.queues().maxQueues()),
          limits == null ? "0" : "1"));
      args.add(limits == null ? "" : str(limits.maxActive()));
      args.add(limits == null ? "" : str(limits.rateMax()));
      args.add(limits == null ? "" : str(limits.rateWindowMs()));
      return broker.evalDurable(Script.DECLARE_QUEUE, k.scriptKeys(), args);
    }).compose(r -> r.toLong() < 0
        ? Future.failedFuture(ScriptStatus.toException(r.toLong(), queue))
        : Future.succeededFuture(r.toLong() == 1));
  }

  /** Whether the queue is in {@code <prefix>:queues}. */
  public Future<Boolean> exists(String queue) {
    return Future.succeededFuture(queue).map(keys::of)
        .compose(k -> broker.send(Request.cmd(Command.SISMEMBER).arg(k.queues()).arg(queue)))
        .map(r -> r.toLong() == 1);
  }

  /** Declares each queue of {@code VIGIL_QUEUES} in turn (limits untouched). */
  public Future<Void> declareAtStart() {
    Future<Boolean> chain = Future.succeededFuture(false);
    for (String queue : settings.queues().declaredAtStart()) {
      chain = chain.compose(v -> declare(queue, null));
    }
    return chain.mapEmpty();
  }

  /**
   * Deletes the queue and every key under its hash tag; answers how many per-id keys the sweep removed.
   * Fails with QueueBusyException (nothing changed) while jobs wait, are delayed or run, unless {@code force};
   * with QueueUnknownException when it was not declared (its leftover keys are removed all the same).
   */
  public Future<Long> delete(String queue, boolean force) {
    return Future.succeededFuture(queue).map(keys::of).compose(k -> {
      List<String> scriptKeys = new ArrayList<>(k.scriptKeys());
      scriptKeys.add(k.reservedIds());
      return broker.evalDurable(Script.DELETE_QUEUE, scriptKeys, List.of(queue, force ? "1" : "0"))
          .compose(r -> r.toLong() < 0 ? Future.failedFuture(ScriptStatus.toException(r.toLong(), queue))
              : sweep(k, "0", 0).compose(swept -> {
                LOG.info("queue=deleted queue={} forced={} sweptKeys={}", queue, force, swept);
                return r.toLong() == 1 ? Future.succeededFuture(swept)
                    : Future.failedFuture(new QueueUnknownException("queue " + queue + " is not declared"));
              }));
    });
  }

  private Future<Long> sweep(QueueKeys k, String cursor, long sofar) {
    String pattern = k.queuePrefix().replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
    return broker.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(SWEEP_BATCH))
        .compose(reply -> {
          String next = reply.get(0).toString();
          List<String> batch = new ArrayList<>();
          batch.add(k.queues());
          for (Response key : reply.get(1)) {
            batch.add(key.toString());
          }
          Future<Long> step = batch.size() == 1 ? Future.succeededFuture(0L)
              : broker.eval(Script.PURGE_QUEUE_KEYS, batch, List.of(k.queue())).map(Response::toLong);
          return step.compose(n -> {
            if (n < 0) {
              LOG.warn("queue=sweep-stopped queue={} reason=declared-again sweptKeys={}", k.queue(), sofar);
              return Future.succeededFuture(sofar);
            }
            return "0".equals(next) ? Future.succeededFuture(sofar + n) : sweep(k, next, sofar + n);
          });
        });
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }
}
