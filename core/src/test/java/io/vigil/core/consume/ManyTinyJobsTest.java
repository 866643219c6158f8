package io.vigil.core.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.Lease;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped processor under the bench's load: many no-op jobs at concurrency 50, so completions finish
 * together and go in batches, both from a full queue and from a trickle submitted by a thread outside Vert.x.
 * Every job must complete, none may stay active, and stop must end every lease.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class ManyTinyJobsTest {
  private static final JobOptions REMOVE_AT_ONCE = JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0));

  @Test
  void twentyThousandNoOpJobsAtConcurrencyFiftyAllCompleteAndNoneStaysActive(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis);
    int total = 20_000;
    for (int i = 0; i < total; i += 1_000) {
      List<NewJob> batch = new ArrayList<>();
      for (int j = 0; j < 1_000; j++) {
        batch.add(NewJob.of("noop", "{\"n\":" + (i + j) + "}").withOptions(REMOVE_AT_ONCE));
      }
      engine.enqueuer().enqueueBulk("q", batch).await();
    }
    drainAndStop(vertx, engine, total, () -> { });
  }

  @Test
  void aTrickleSubmittedFromOutsideVertxIsAllCompletedWhileTheProcessorKeepsUp(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis);
    int total = 5_000;
    drainAndStop(vertx, engine, total, () -> {
      for (int i = 0; i < total; i++) {
        engine.enqueuer().enqueue("q", NewJob.of("noop", "{\"n\":" + i + "}").withOptions(REMOVE_AT_ONCE));
        if (i % 10 == 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
      }
    });
  }

  private static Engine engine(Vertx vertx, RedisNode redis) {
    redis.flushAll();
    return Engine.create(RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await(),
        TunedSettings.defaults("vp").build(), Clock.systemUTC(), false);
  }

  private static void drainAndStop(Vertx vertx, Engine engine, int total, Runnable submit) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong completed = new AtomicLong();
    ProcessorListener listener = new ProcessorListener() {
      @Override
      public void completed(Lease lease, long durationMs) {
        if (completed.incrementAndGet() == total) {
          done.countDown();
        }
      }
    };
    JobProcessor processor = new JobProcessor(vertx, engine,
        new ProcessorSettings("q", "w-1", 50, 10_000, 1_000, false), ctx -> Future.succeededFuture(), listener);
    RunningProcessor running = RunningProcessor.start(vertx, processor);
    submit.run();
    boolean finished = done.await(120, TimeUnit.SECONDS);
    System.out.printf("completed %d of %d, active in redis %d, running %d%n", completed.get(), total,
        engine.admin().info("q").await().counts().get(JobState.ACTIVE), processor.activeCount());
    assertThat(finished).as("completed %d of %d", completed.get(), total).isTrue();
    running.stop(1_000);
    assertThat(completed.get()).isEqualTo(total);
    assertThat(processor.activeCount()).isZero();
    var counts = engine.admin().info("q").await().counts();
    assertThat(counts.get(JobState.ACTIVE)).isZero();
    assertThat(counts.get(JobState.WAITING)).isZero();
  }
}
