package io.vigil.core.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.Lease;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.script.Script;
import io.vigil.core.support.LosingReplies;
import io.vigil.core.support.ShippedEngine;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every lease a processor was granted ends in complete, fail or release before its stop completes, also
 * when stop lands mid-stream and when replies were lost after Redis applied the call.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ProcessorShutdownTest {
  private static final String PREFIX = "vs";
  private static final int JOBS = 600;
  private static final EngineSettings SETTINGS = TunedSettings.defaults(PREFIX).lease(2_000, 500, 1).retention(-1, -1, 0).build();

  @Test
  void stoppingMidStreamManyTimesLeavesNoActiveJobAndRunsEveryJobOnce(Vertx vertx, RedisNode redis) throws Exception {
    Stream stream = new Stream(vertx, redis, UnaryOperator.identity());

    List<Integer> orphans = stream.stopMidStream(20);
    stream.drain();

    System.out.printf("stop mid-stream: rounds=%d orphansPerRound=%s%n", orphans.size(), orphans);
    assertThat(orphans).as("active jobs left after each stop").allMatch(n -> n == 0);
    stream.assertEveryJobRanAndCompletedOnceWithoutStalls();
  }

  @Test
  void lostRepliesToFetchAndCompleteLeaveNoActiveJobAndRunEveryJobOnce(Vertx vertx, RedisNode redis) throws Exception {
    LosingReplies[] losing = new LosingReplies[1];
    Stream stream = new Stream(vertx, redis, broker -> losing[0] = new LosingReplies(broker, 7, Script.FETCH, Script.COMPLETE));

    List<Integer> orphans = stream.stopMidStream(8);
    stream.drain();

    System.out.printf("lost replies: lost=%d rounds=%d orphansPerRound=%s%n", losing[0].lost(), orphans.size(), orphans);
    assertThat(losing[0].lost()).isPositive();
    assertThat(orphans).as("active jobs left after each stop").allMatch(n -> n == 0);
    stream.assertEveryJobRanAndCompletedOnceWithoutStalls();
  }

  /** A queue of 1-ms jobs and the processors that drain it, counting runs and completions per job. */
  private static final class Stream {
    final Vertx vertx;
    final RedisNode redis;
    final Engine engine;
    final List<String> ids = new ArrayList<>();
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    final AtomicInteger completed = new AtomicInteger();

    Stream(Vertx vertx, RedisNode redis, UnaryOperator<io.vigil.core.redis.Broker> wrap) {
      this.vertx = vertx;
      this.redis = redis;
      redis.flushAll();
      FailoverBroker broker = ShippedEngine.broker(vertx, redis.host(), redis.port(), 1_000);
      this.engine = ShippedEngine.engine(broker, SETTINGS, wrap);
      List<NewJob> jobs = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        jobs.add(NewJob.of("tick", Integer.toString(i)));
      }
      engine.enqueuer().enqueueBulk("q", jobs).await().forEach(s -> ids.add(s.id()));
    }

    /** Starts a worker, stops it once it has completed a few jobs, and counts the active jobs it left. */
    List<Integer> stopMidStream(int rounds) throws Exception {
      List<Integer> orphans = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        int target = completed.get() + 10 + round % 7;
        RunningProcessor worker = start("w" + round);
        await().pollInterval(JobProcessorTest.POLL).atMost(Duration.ofSeconds(20))
            .until(() -> completed.get() >= target);
        worker.stop(1_000);
        orphans.add(activeCount());
      }
      return orphans;
    }

    /** Runs one more worker until Redis holds every job as completed (orphans come back only through stalled recovery). */
    void drain() throws Exception {
      RunningProcessor worker = start("drain");
      await().pollInterval(JobProcessorTest.POLL).atMost(Duration.ofSeconds(30))
          .until(() -> completedInRedis() >= JOBS);
      worker.stop(1_000);
    }

    void assertEveryJobRanAndCompletedOnceWithoutStalls() {
      List<String> stalled = ids.stream()
          .filter(id -> redis.command("HGET", PREFIX + ":{q}:job:" + id, "stalls") != null).toList();
      List<String> notOnce = ids.stream().filter(id -> count(completions, id) != 1 || count(runs, id) != 1).toList();
      System.out.printf("stalled=%d completedOtherThanOnce=%d%n", stalled.size(), notOnce.size());
      assertThat(stalled).as("jobs with stalls > 0").isEmpty();
      assertThat(notOnce).as("jobs not run and completed exactly once").isEmpty();
      assertThat(completedInRedis()).isEqualTo(JOBS);
      assertThat(activeCount()).isZero();
    }

    private static int count(Map<String, AtomicInteger> counts, String id) {
      AtomicInteger n = counts.get(id);
      return n == null ? 0 : n.get();
    }

    long completedInRedis() {
      return (Long) redis.command("ZCARD", PREFIX + ":{q}:completed");
    }

    int activeCount() {
      return ((Long) redis.command("ZCARD", PREFIX + ":{q}:active")).intValue();
    }

    RunningProcessor start(String workerId) {
      ProcessorListener listener = new ProcessorListener() {
        @Override
        public void completed(Lease lease, long durationMs) {
          completions.computeIfAbsent(lease.jobId(), k -> new AtomicInteger()).incrementAndGet();
          completed.incrementAndGet();
        }
      };
      JobProcessor processor = new JobProcessor(vertx, engine, ProcessorSettings.of("q", workerId, 1, SETTINGS.leaseMs()),
          ctx -> {
            runs.computeIfAbsent(ctx.job().id(), k -> new AtomicInteger()).incrementAndGet();
            Promise<Object> done = Promise.promise();
            ctx.vertx().setTimer(1, id -> done.complete("ok"));
            return done.future();
          }, listener);
      return RunningProcessor.start(vertx, processor);
    }
  }
}
