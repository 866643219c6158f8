package io.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.consume.JobFailure;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.job.Backoff;
import io.vigil.core.job.BackoffType;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.worker.support.WorkerFixture;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class HandlerRegistryTest {
  private static final JobOptions QUICK_RETRY = JobOptions.DEFAULTS.withBackoff(new Backoff(BackoffType.FIXED, 10, 0));

  private static WorkerFixture startWorker(Vertx vertx, RedisNode redis, HandlerRegistry handlers) {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    WorkerRegistry registry = new WorkerRegistry(f.broker, WorkerFixture.PREFIX, Clock.systemUTC(), 600);
    vertx.deployVerticle(new WorkerVerticle(f.engine, WorkerFixture.settings("w", 4, 1_000, "q"), "w", handlers,
        registry, ProcessorListener.NONE)).await();
    return f;
  }

  @Test
  void echoReturnsItsDataAsTheResult(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = startWorker(vertx, redis, HandlerRegistry.withBuiltIns());

    String id = f.enqueue("q", "echo", new JsonObject().put("report", 7).put("tags", List.of("a")), JobOptions.DEFAULTS);

    Job job = f.awaitState("q", id, JobState.COMPLETED);
    assertThat(new JsonObject(job.resultJson())).isEqualTo(new JsonObject().put("report", 7).put("tags", List.of("a")));
    assertThat(job.attemptsMade()).isEqualTo(1);
    assertThat(job.worker()).isEqualTo("w");
  }

  @Test
  void echoFailsItsFirstAttemptsOnPurposeThenSucceeds(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = startWorker(vertx, redis, HandlerRegistry.withBuiltIns());

    String id = f.enqueue("q", "echo", new JsonObject().put("failTimes", 2), QUICK_RETRY.withAttempts(3));

    Job job = f.awaitState("q", id, JobState.COMPLETED);
    assertThat(job.attemptsMade()).isEqualTo(3);
    assertThat(job.errors()).containsExactly("echo: attempt 1 of the first 2 fails on purpose",
        "echo: attempt 2 of the first 2 fails on purpose");
  }

  @Test
  void echoSleepsBeforeAnsweringAndItsSleepEndsAtOnceWhenTheJobTimesOut(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = startWorker(vertx, redis, HandlerRegistry.withBuiltIns());

    String sleeper = f.enqueue("q", "echo", new JsonObject().put("sleepMs", 300), JobOptions.DEFAULTS);
    String overrun = f.enqueue("q", "echo", new JsonObject().put("sleepMs", 60_000), JobOptions.fromJson(new JsonObject().put("timeoutMs", 200).put("attempts", 1)));

    Job slept = f.awaitState("q", sleeper, JobState.COMPLETED);
    Job timedOut = f.awaitState("q", overrun, JobState.FAILED);
    assertThat(slept.finishedAt() - slept.startedAt()).isGreaterThanOrEqualTo(300);
    assertThat(timedOut.failedReason()).isEqualTo("timed out after 200 ms");
    assertThat(timedOut.finishedAt() - timedOut.startedAt()).isLessThan(5_000);
  }

  @Test
  void jobWithoutAHandlerFailsAtOnceAndForGoodNamingWhatTheWorkerHandles(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = startWorker(vertx, redis, HandlerRegistry.withBuiltIns());

    String id = f.enqueue("q", "resize-image", null, QUICK_RETRY.withAttempts(5));

    Job job = f.awaitState("q", id, JobState.FAILED);
    assertThat(job.attemptsMade()).isEqualTo(1);
    assertThat(job.failedReason()).isEqualTo("no handler for job name 'resize-image' on this worker; it handles [echo]");
  }

  @Test
  void echoRefusesMalformedDrillOptionsWithoutRetry(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = startWorker(vertx, redis, HandlerRegistry.withBuiltIns());

    String id = f.enqueue("q", "echo", new JsonObject().put("sleepMs", -5), QUICK_RETRY.withAttempts(3));

    Job job = f.awaitState("q", id, JobState.FAILED);
    assertThat(job.attemptsMade()).isEqualTo(1);
    assertThat(job.failedReason()).isEqualTo("echo: sleepMs must be a non-negative integer");
  }

  @Test
  void blockingHandlerRunsOnAWorkerThreadAndIsInterruptedWhenCancelled(Vertx vertx, RedisNode redis) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HandlerRegistry handlers = new HandlerRegistry()
        .registerBlocking("render", ctx -> {
          seen.add(Context.isOnEventLoopThread() ? "event-loop" : "worker-thread");
          return new JsonObject().put("pages", 3);
        })
        .registerBlocking("stuck", ctx -> {
          try {
            Thread.sleep(60_000);
            return "woke";
          } catch (InterruptedException e) {
            seen.add("interrupted, cancelled=" + ctx.isCancelled());
            throw JobFailure.permanent("interrupted");
          }
        });
    WorkerFixture f = startWorker(vertx, redis, handlers);

    String rendered = f.enqueue("q", "render", null, JobOptions.DEFAULTS);
    String stuck = f.enqueue("q", "stuck", null, JobOptions.fromJson(new JsonObject().put("timeoutMs", 200).put("attempts", 1)));

    assertThat(f.awaitState("q", rendered, JobState.COMPLETED).resultJson()).isEqualTo("{\"pages\":3}");
    assertThat(f.awaitState("q", stuck, JobState.FAILED).failedReason()).isEqualTo("timed out after 200 ms");
    await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(WorkerFixture.POLL).ignoreExceptions()
        .until(() -> seen.size() == 2);
    assertThat(seen).containsExactlyInAnyOrder("worker-thread", "interrupted, cancelled=true");
  }

  @Test
  void aJobNameCanBeRegisteredOnce() {
    HandlerRegistry handlers = HandlerRegistry.withBuiltIns();

    assertThatThrownBy(() -> handlers.register("echo", new EchoHandler())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'echo' is already registered");
    assertThat(handlers.registerBlocking("render", ctx -> null).names()).containsExactly("echo", "render");
  }
}
