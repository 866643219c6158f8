package io.vigil.core.failover;

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
import io.vigil.core.job.NewJob;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady producer and a JobProcessor on one queue, with a ledger of what was acknowledged, run and
 * completed, like Jepsen's total-queue checker: acknowledged jobs that never complete are lost.
 * 1. The producer submits a new job id every {@code 1000 / rate} ms; a retryable failure (503) is
 *    resubmitted with the same id, as an API client would.
 * 2. The handler counts executions per id; the listener timestamps every acknowledged completion.
 * 3. {@link #drain} waits until the final master lists every acknowledged id as completed.
 */
final class FailoverLoad {
  private final Vertx vertx;
  private final Engine engine;
  private final String queue;
  private final int ratePerSecond;
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final Map<String, String> ackTimes = new ConcurrentHashMap<>();
  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
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

  FailoverLoad(Vertx vertx, Engine engine, String queue, int ratePerSecond) {
    this.vertx = vertx;
    this.engine = engine;
    this.queue = queue;
    this.ratePerSecond = ratePerSecond;
  }

  void start(int concurrency) {
    ProcessorSettings settings = new ProcessorSettings(queue, "w-" + queue, concurrency, 1_000, 2_000, true);
    processor = new JobProcessor(vertx, engine, settings, ctx -> {
      executions.computeIfAbsent(ctx.job().id(), id -> new AtomicInteger()).incrementAndGet();
      Promise<Object> done = Promise.promise();
      ctx.vertx().setTimer(2, t -> done.complete(null));
      return done.future();
    }, new ProcessorListener() {
      @Override
      public void completed(Lease lease, long durationMs) {
        completions.add(System.currentTimeMillis());
      }

      @Override
      public void leaseLost(Lease lease) {
        leaseLost.incrementAndGet();
      }

      @Override
      public void redisError(String q, Throwable error) {
        redisErrors.incrementAndGet();
      }
    });
    producing = true;
    vertx.runOnContext(v -> {
      processor.start();
      producerTimer = vertx.setPeriodic(Math.max(1, 1000 / ratePerSecond), id -> submit("j-" + (++sequence)));
    });
  }

  private void submit(String id) {
    submitted.add(id);
    pending.incrementAndGet();
    engine.enqueuer().enqueue(queue, NewJob.of("probe", "{}").withId(id)).onComplete(ar -> {
      pending.decrementAndGet();
      if (ar.succeeded()) {
        acked.add(id);
        acks.add(System.currentTimeMillis());
        ackTimes.put(id, java.time.LocalTime.now().toString());
      } else if (ar.cause() instanceof VigilException e && e.retryable() && producing) {
        resubmits.incrementAndGet();
        vertx.setTimer(100, t -> submit(id));
      }
    });
  }

  /** Stops submitting new ids; resubmissions already scheduled still run while submissions are pending. */
  void stopProducing() {
    if (producing) {
      stoppedAt = System.currentTimeMillis();
    }
    vertx.cancelTimer(producerTimer);
    producing = false;
  }

  /** Waits for in-flight submissions, then until the master lists every acknowledged id as completed. */
  FailoverReport drain(Duration timeout, List<Long> faultTimes) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (pending.get() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    Set<String> completed = Set.of();
    while (System.currentTimeMillis() < deadline) {
      completed = completedInRedis();
      if (completed.containsAll(acked)) {
        break;
      }
      Thread.sleep(200);
    }
    processor.stop(2_000).await();
    Set<String> lost = new HashSet<>(acked);
    lost.removeAll(completed);
    if (!lost.isEmpty()) {
      List<Integer> numbers = lost.stream().map(id -> Integer.parseInt(id.substring(2))).sorted().toList();
      System.out.println("lost jobs by state on the final master: " + statesOf(lost) + " ids j-" + numbers.get(0)
          + "..j-" + numbers.get(numbers.size() - 1) + " acked at " + ackTimes.get("j-" + numbers.get(0)) + ".."
          + ackTimes.get("j-" + numbers.get(numbers.size() - 1)));
    }
    Set<String> unexpected = new HashSet<>(completed);
    unexpected.removeAll(submitted);
    long duplicated = executions.values().stream().filter(n -> n.get() > 1).count();
    long extraRuns = executions.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
    List<Long> outages = new ArrayList<>();
    List<Long> submitOutages = new ArrayList<>();
    for (int i = 0; i < faultTimes.size(); i++) {
      long end = i + 1 < faultTimes.size() ? faultTimes.get(i + 1) : stoppedAt;
      outages.add(FailoverReport.longestGapAfter(faultTimes.get(i), end, List.copyOf(completions)));
      submitOutages.add(FailoverReport.longestGapAfter(faultTimes.get(i), end, List.copyOf(acks)));
    }
    return new FailoverReport(submitted.size(), acked.size(), completed.size(), lost, unexpected.size(), duplicated,
        extraRuns, resubmits.get(), leaseLost.get(), redisErrors.get(), outages, submitOutages);
  }

  /** Where the jobs the checker calls lost actually are: a diagnosis for a failed run. */
  private Map<String, Integer> statesOf(Set<String> ids) {
    QueueKeys k = new QueueKeys(engine.settings().prefix(), queue);
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (String id : ids) {
      Response state = engine.broker().send(Request.cmd(Command.HGET).arg(k.job(id)).arg("state")).await();
      out.merge(state == null ? "missing" : state.toString(), 1, Integer::sum);
    }
    return out;
  }

  private Set<String> completedInRedis() {
    String key = new QueueKeys(engine.settings().prefix(), queue).completed();
    Response ids = engine.broker().send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1)).await();
    Set<String> out = new HashSet<>();
    ids.forEach(r -> out.add(r.toString()));
    return out;
  }

  /** Acknowledged completions so far. */
  int completedCount() {
    return completions.size();
  }

  Future<Void> stop() {
    stopProducing();
    return processor == null ? Future.succeededFuture() : processor.stop(1_000);
  }
}
