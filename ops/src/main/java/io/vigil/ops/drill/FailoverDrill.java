package io.vigil.ops.drill;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.core.error.VigilException;
import io.vigil.core.failover.FailoverReconciler;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.probe.ProbeLoad;
import io.vigil.core.probe.ProbeReport;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisAddress;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.core.redis.SentinelFailover;
import io.vigil.settings.EnvReader;
import io.vigil.settings.SecretFiles;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The failover drill: proves on a live deployment that a failover loses no acknowledged job and completes none
 * twice. Runs on a plain thread that awaits Vert.x timers and futures.
 * 1. Connects like a worker (REDIS_* and the engine's VIGIL_* variables) and puts probe load on its own queue.
 * 2. Triggers SENTINEL FAILOVER (or waits for an external fault) and waits for the broker to follow.
 * 3. Keeps the load a while, drains, prints {@code drill.<name> <value> <unit>} lines (losses, duplicate
 *    executions and completions, re-runs by reason), deletes its keys.
 */
public final class FailoverDrill {
  static final int PASS = 0;
  static final int LOST = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private FailoverDrill() {}

  static int run(DrillCommand options, Map<String, String> env, PrintStream out) {
    RedisSettings redis;
    RedisSettings adminSentinel;
    EngineSettings engineSettings;
    try {
      redis = RedisSettings.fromEnv(env);
      adminSentinel = RedisSettings.fromEnv(withSentinelAdmin(env));
      engineSettings = EngineSettings.fromEnv(env);
      if (!options.external && !redis.sentinelMode()) {
        throw new IllegalArgumentException("triggering a failover needs REDIS_SENTINELS; with --external the drill "
            + "waits for a fault you cause");
      }
    } catch (IllegalArgumentException | VigilException e) {
      out.println("drill.error " + e.getMessage() + " (see vigil drill --help)");
      return USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      FailoverBroker broker;
      try {
        broker = RedisConnector.connect(vertx, redis).await();
      } catch (RuntimeException e) {
        out.println("drill.error " + e.getMessage());
        return UNREACHABLE;
      }
      try {
        return drill(vertx, broker, redis, adminSentinel, engineSettings, options, out);
      } finally {
        broker.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }

  private static int drill(Vertx vertx, FailoverBroker broker, RedisSettings redis, RedisSettings adminSentinel,
                           EngineSettings engineSettings, DrillCommand o, PrintStream out) {
    Engine engine = Engine.create(broker, engineSettings, Clock.systemUTC(), redis.durableFinish());
    new FailoverReconciler(engine, () -> Future.succeededFuture(List.of(o.queue))).attachTo(broker);
    RedisAddress before = broker.status().master();
    out.println("drill.queue " + o.queue + " name");
    out.println("drill.master_before " + before + " address");
    out.println("drill.replica_acks " + broker.status().replicaAcks() + " replicas");
    try {
      // Declared first: with VIGIL_QUEUES_DECLARED only declared queues take jobs (and the cleanup deletes it).
      engine.queues().declare(o.queue, null).await();
    } catch (RuntimeException e) {
      out.println("drill.error " + e.getMessage());
      return UNREACHABLE;
    }
    ProbeLoad load = new ProbeLoad(vertx, engine, o.queue, o.rate);
    try {
      load.start(o.concurrency);
      pause(vertx, o.warmup).await();
      // Listen before the fault, so a switch that happens at once is not missed.
      Future<RedisAddress> switched = masterChange(vertx, broker, before, o.waitS * 1000L);
      long fault = System.currentTimeMillis();
      if (o.external) {
        out.println("drill.waiting_for_external_fault " + o.waitS + " s");
      } else {
        RedisAddress accepted;
        try {
          accepted = SentinelFailover.trigger(vertx, adminSentinel, 30_000).await();
        } catch (RuntimeException e) {
          out.println("drill.error " + e.getMessage() + " (the Sentinel user needs SENTINEL FAILOVER: set"
              + " REDIS_SENTINEL_ADMIN_USERNAME/REDIS_SENTINEL_ADMIN_PASSWORD, or cause the fault yourself with --external)");
          cleanup(broker, engineSettings, o, out);
          return UNREACHABLE;
        }
        out.println("drill.failover_requested_from " + accepted + " address");
      }
      RedisAddress after = switched.await();
      if (after != null) {
        out.println("drill.master_after " + after + " address");
        out.println("drill.switch_followed_after " + (System.currentTimeMillis() - fault) + " ms");
        pause(vertx, o.after).await();
      } else {
        out.println("drill.error the master did not change within " + o.waitS + " s");
      }
      load.stopProducing();
      ProbeReport report = load.drain(o.drain * 1000L, List.of(fault)).await();
      out.print(report.lines("drill"));
      out.println("drill.outage " + report.outagesMs().get(0) + " ms");
      cleanup(broker, engineSettings, o, out);
      // A job completed twice breaks a guarantee as much as a lost one; re-runs are at-least-once and only counted.
      boolean lost = !report.lost().isEmpty() || report.unexpected() > 0 || report.duplicateCompletions() > 0;
      out.println("drill.result " + (lost ? "FAIL" : after == null ? "NO_FAILOVER" : "PASS") + " verdict");
      return lost ? LOST : after == null ? UNREACHABLE : PASS;
    } finally {
      load.stop().await();
    }
  }

  /** The application's Sentinel user may only discover the master; REDIS_SENTINEL_ADMIN_* may trigger a failover. */
  private static Map<String, String> withSentinelAdmin(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    String password = SecretFiles.password(r, "REDIS_SENTINEL_ADMIN_PASSWORD");
    if (password == null) {
      return env;
    }
    Map<String, String> copy = new HashMap<>(env);
    copy.put("REDIS_SENTINEL_USERNAME", r.string("REDIS_SENTINEL_ADMIN_USERNAME", "default"));
    copy.put("REDIS_SENTINEL_PASSWORD", password);
    // The admin password replaces the roles' one, which may come from a file instead.
    copy.remove("REDIS_SENTINEL_PASSWORD_FILE");
    return copy;
  }

  private static void cleanup(FailoverBroker broker, EngineSettings engineSettings, DrillCommand o, PrintStream out) {
    if (!o.keep) {
      long deleted = DrillCleanup.erase(broker, new QueueKeys(engineSettings.prefix(), o.queue)).await();
      out.println("drill.keys_deleted " + deleted + " keys");
    }
  }

  /** A Vert.x timer refuses 0. */
  private static Future<Void> pause(Vertx vertx, int seconds) {
    return seconds == 0 ? Future.succeededFuture() : vertx.timer(seconds, TimeUnit.SECONDS);
  }

  /** The new master once the broker follows one other than {@code before}; null after {@code timeoutMs}. */
  private static Future<RedisAddress> masterChange(Vertx vertx, FailoverBroker broker, RedisAddress before,
                                                   long timeoutMs) {
    Promise<RedisAddress> changed = Promise.promise();
    broker.onMasterChanged(change -> {
      if (!change.to().equals(before)) {
        changed.tryComplete(change.to());
      }
    });
    RedisAddress now = broker.status().master();
    if (now != null && !now.equals(before)) {
      changed.tryComplete(now);
    }
    long timer = vertx.setTimer(timeoutMs, t -> changed.tryComplete(null));
    return changed.future().onComplete(ar -> vertx.cancelTimer(timer));
  }
}
