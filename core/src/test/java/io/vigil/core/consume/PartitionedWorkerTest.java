package io.vigil.core.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.Lease;
import io.vigil.core.support.ShippedEngine;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.testkit.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker cut off from Redis (a black-holed TCP proxy between it and Redis, the other worker connected
 * directly) stops its handler before its lease can be taken over, and the job completes once.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class PartitionedWorkerTest {
  private static final String PREFIX = "vc";
  private static final long LEASE_MS = 1_500;
  // As in production, a call's retry budget spans more than one heartbeat (defaults: lease/3 and 10 s).
  private static final long BUDGET_MS = 1_000;
  private static final EngineSettings SETTINGS = TunedSettings.defaults(PREFIX).lease(LEASE_MS, 300, 1)
      .retention(-1, -1, 0).build();

  @Test
  void workerCutOffFromRedisCancelsItsHandlerBeforeAnotherTakesTheJobWhichCompletesOnce(Vertx vertx, RedisNode redis)
      throws Exception {
    redis.flushAll();
    try (TcpProxy proxy = TcpProxy.start(redis.host(), redis.port())) {
      Engine cut = ShippedEngine.engine(ShippedEngine.broker(vertx, proxy.host(), proxy.port(), BUDGET_MS), SETTINGS,
          UnaryOperator.identity());
      Engine direct = ShippedEngine.engine(ShippedEngine.broker(vertx, redis.host(), redis.port(), BUDGET_MS), SETTINGS,
          UnaryOperator.identity());
      AtomicReference<JobContext> onCut = new AtomicReference<>();
      AtomicReference<Long> cancelledAt = new AtomicReference<>();
      Promise<Void> healed = Promise.promise();
      Counting cutEvents = new Counting();
      RunningProcessor a = start(vertx, cut, "A", cutEvents, ctx -> {
        onCut.compareAndSet(null, ctx);
        if (!ctx.job().name().equals("report")) {
          return Future.succeededFuture("A");
        }
        ctx.cancelled().onSuccess(reason -> cancelledAt.set(System.nanoTime()));
        // Ignores the signal and answers once the network is back: that late result must not count.
        return healed.future().map(v -> "A-late");
      });
      String id = cut.enqueuer().enqueue("q", NewJob.of("report", "1")).await().id();
      await().pollInterval(JobProcessorTest.POLL).atMost(Duration.ofSeconds(10))
          .until(() -> onCut.get() != null);
      AtomicReference<Boolean> cutHandlerStoppedWhenTakenOver = new AtomicReference<>();
      AtomicInteger directRuns = new AtomicInteger();
      Counting directEvents = new Counting();
      RunningProcessor b = start(vertx, direct, "B", directEvents, ctx -> {
        directRuns.incrementAndGet();
        cutHandlerStoppedWhenTakenOver.compareAndSet(null, onCut.get().isCancelled());
        return Future.succeededFuture("B");
      });

      long cutAt = System.nanoTime();
      proxy.blackHole();
      await().pollInterval(JobProcessorTest.POLL).atMost(Duration.ofSeconds(20))
          .until(() -> direct.admin().getJob("q", id).await().state() == JobState.COMPLETED);
      proxy.heal();
      healed.complete();
      Long cancelled = cancelledAt.get();
      System.out.printf("partition: cancelAfterCutMs=%s leaseMs=%d leaseLost=%d directRuns=%d%n",
          cancelled == null ? "never" : (cancelled - cutAt) / 1_000_000, LEASE_MS, cutEvents.leaseLost.get(), directRuns.get());

      assertThat(cutHandlerStoppedWhenTakenOver.get()).as("cut worker's handler cancelled when the job was taken over").isTrue();
      assertThat(onCut.get().cancelled().result()).isEqualTo(LeaseHeartbeat.UNRENEWABLE);
      assertThat(cutEvents.leaseLost.get()).isEqualTo(1);
      assertThat(cutEvents.completed.get()).isZero();
      Lease stale = onCut.get().lease();
      assertThatThrownBy(() -> cut.transitions().complete(stale, "\"A-late\"", null).await())
          .isInstanceOf(LeaseMismatchException.class);
      Job job = direct.admin().getJob("q", id).await();
      assertThat(job.state()).isEqualTo(JobState.COMPLETED);
      assertThat(job.worker()).isEqualTo("B");
      assertThat(job.resultJson()).isEqualTo("\"B\"");
      assertThat(job.stalls()).isEqualTo(1);
      assertThat(directEvents.completed.get()).isEqualTo(1);
      assertThat(completedEvents(redis, id)).isEqualTo(1);

      // Once Redis answers again the cut worker fetches again.
      b.stop(1_000);
      String next = direct.enqueuer().enqueue("q", NewJob.of("echo", "2")).await().id();
      await().pollInterval(JobProcessorTest.POLL).atMost(Duration.ofSeconds(20))
          .until(() -> direct.admin().getJob("q", next).await().state() == JobState.COMPLETED);
      assertThat(direct.admin().getJob("q", next).await().worker()).isEqualTo("A");
      a.stop(1_000);
    }
  }

  @SuppressWarnings("unchecked")
  private static long completedEvents(RedisNode redis, String id) {
    List<Object> entries = (List<Object>) redis.command("XRANGE", PREFIX + ":{q}:events", "-", "+");
    return entries.stream().map(e -> (List<Object>) ((List<Object>) e).get(1))
        .filter(f -> f.contains("completed") && f.contains(id)).count();
  }

  private static final class Counting implements ProcessorListener {
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger leaseLost = new AtomicInteger();

    @Override
    public void completed(Lease lease, long durationMs) {
      completed.incrementAndGet();
    }

    @Override
    public void leaseLost(Lease lease) {
      leaseLost.incrementAndGet();
    }
  }

  private static RunningProcessor start(Vertx vertx, Engine engine, String workerId, ProcessorListener listener,
                                        JobHandler handler) {
    return RunningProcessor.start(vertx,
        new JobProcessor(vertx, engine, ProcessorSettings.of("q", workerId, 1, LEASE_MS), handler, listener));
  }
}
