package io.vigil.core.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.consume.JobProcessor;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.consume.ProcessorSettings;
import io.vigil.core.error.VigilException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.Lease;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probe jobs through one queue, so a failover is judged by what came out: every acknowledged submission
 * must end completed on the final master (Jepsen's total-queue check).
 * 1. A producer submits a new id every {@code 1000 / rate} ms; a retryable error is resubmitted with the same id.
 * 2. A JobProcessor runs them; an {@link ExecutionLedger} sorts re-runs from duplicates.
 * 3. {@link #drain} waits for in-flight submissions, then for every acknowledged id to be completed, and reports.
 */
public final class ProbeLoad {
  private static final Logger log = LoggerFactory.getLogger(ProbeLoad.class);
  private static final JobOptions KEEP = JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(-1, 0));
  private final Vertx vertx;
  private final Engine engine;
  private final String queue;
  private final int ratePerSecond;
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private final ExecutionLedger ledger = new ExecutionLedger();
  private final ConcurrentLinkedQueue<Long> completions = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger resubmits = new AtomicInteger();
  private final AtomicInteger leaseLost = new AtomicInteger();
  private final AtomicInteger redisErrors = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private JobProcessor processor;
  private long producerTimer = -1;
  private int sequence;
  private volatile boolean producing;
  private volatile long stoppedAt = Long.MAX_VALUE;

  public ProbeLoad(Vertx vertx, Engine engine, String queue, int ratePerSecond) {
    this.vertx = vertx;
    this.engine = engine;
    this.queue = queue;
    this.ratePerSecond = Math.max(1, ratePerSecond);
  }

  public void start(int concurrency) {
    ProcessorSettings settings = new ProcessorSettings(queue, "probe-" + queue, concurrency, 1_000, 2_000, true);
    processor = new JobProcessor(vertx, engine, settings, ctx -> {
      ledger.started(ctx.job());
      Promise<Object> done = Promise.promise();
      ctx.vertx().setTimer(2, t -> done.complete(null));
      return done.future();
    }, new Listener());
    producing = true;
    vertx.runOnContext(v -> {
      processor.start();
      producerTimer = vertx.setPeriodic(Math.max(1, 1000 / ratePerSecond), id -> submit("p-" + (++sequence)));
    });
  }

  private void submit(String id) {
    submitted.add(id);
    pending.incrementAndGet();
    engine.enqueuer().enqueue(queue, NewJob.of("probe", "{}").withId(id).withOptions(KEEP)).onComplete(ar -> {
      pending.decrementAndGet();
      if (ar.succeeded()) {
        acked.add(id);
        acks.add(System.currentTimeMillis());
      } else if (ar.cause() instanceof VigilException e && e.retryable() && producing) {
        resubmits.incrementAndGet();
        vertx.setTimer(100, t -> submit(id));
      } else {
        // Neither acknowledged nor resubmitted: the report shows it as submitted minus acknowledged; this says why.
        log.warn("probe submission failed id={} producing={} error={}", id, producing, ar.cause().toString());
      }
    });
  }

  /** Stops submitting new ids (resubmissions stop too). */
  public void stopProducing() {
    if (producing) {
      stoppedAt = System.currentTimeMillis();
    }
    producing = false;
    vertx.cancelTimer(producerTimer);
  }

  /** Acknowledged completions so far. */
  public int completedCount() {
    return completions.size();
  }

  /** Waits for submissions in flight, then until every acknowledged id is completed or {@code timeoutMs} passed. */
  public Future<ProbeReport> drain(long timeoutMs, List<Long> faultTimes) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    return until(() -> Future.succeededFuture(pending.get() == 0), deadline)
        .compose(v -> until(() -> completedInRedis().map(done -> done.containsAll(acked)), deadline))
        .compose(v -> completedInRedis())
        .compose(completed -> processor.stop(2_000).map(completed))
        .compose(completed -> {
          Set<String> lost = new HashSet<>(acked);
          lost.removeAll(completed);
          return statesOf(lost).map(states -> report(completed, lost, states, faultTimes));
        });
  }

  private ProbeReport report(Set<String> completed, Set<String> lost, Map<String, Integer> states, List<Long> faults) {
    Set<String> unexpected = new HashSet<>(completed);
    unexpected.removeAll(submitted);
    List<Long> outages = new ArrayList<>();
    List<Long> submitOutages = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      long end = i + 1 < faults.size() ? faults.get(i + 1) : stoppedAt;
      outages.add(ProbeReport.longestGapAfter(faults.get(i), end, List.copyOf(completions)));
      submitOutages.add(ProbeReport.longestGapAfter(faults.get(i), end, List.copyOf(acks)));
    }
    return new ProbeReport(submitted.size(), acked.size(), completed.size(), lost, states, unexpected.size(),
        ledger.jobsRunMoreThanOnce(), ledger.extraRuns(), ledger.duplicateExecutions(), ledger.duplicateCompletions(),
        ledger.reRunsByReason(), resubmits.get(), leaseLost.get(), redisErrors.get(), outages, submitOutages);
  }

  /** Polls {@code check} every 200 ms until it says true or the deadline passed; never blocks a thread. */
  private Future<Void> until(Supplier<Future<Boolean>> check, long deadline) {
    return check.get().recover(e -> Future.succeededFuture(false)).compose(ok -> {
      if (ok || System.currentTimeMillis() >= deadline) {
        return Future.succeededFuture();
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(200, t -> until(check, deadline).onComplete(later));
      return later.future();
    });
  }

  private Future<Set<String>> completedInRedis() {
    String key = new QueueKeys(engine.settings().prefix(), queue).completed();
    return engine.broker().send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1))
        .map(ids -> ids.stream().map(Response::toString).collect(Collectors.toSet()));
  }

  /** Where the ids the checker calls lost actually are: a diagnosis for a failed run. */
  private Future<Map<String, Integer>> statesOf(Set<String> ids) {
    QueueKeys k = new QueueKeys(engine.settings().prefix(), queue);
    List<Future<Response>> states = ids.stream()
        .map(id -> engine.broker().send(Request.cmd(Command.HGET).arg(k.job(id)).arg("state"))).toList();
    return Future.join(states).transform(ar -> Future.succeededFuture(states.stream().collect(Collectors.groupingBy(
        state -> state.failed() ? "unknown" : state.result() == null ? "missing" : state.result().toString(),
        TreeMap::new, Collectors.summingInt(state -> 1)))));
  }

  public Future<Void> stop() {
    stopProducing();
    return processor == null ? Future.succeededFuture() : processor.stop(1_000);
  }

  private final class Listener implements ProcessorListener {
    @Override
    public void completed(Lease lease, long durationMs) {
      completions.add(System.currentTimeMillis());
      ledger.completed(lease.jobId());
    }

    @Override
    public void leaseLost(Lease lease) {
      leaseLost.incrementAndGet();
    }

    @Override
    public void redisError(String q, Throwable error) {
      redisErrors.incrementAndGet();
    }
  }
}
