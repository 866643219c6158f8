package io.vigil.core.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.Backoff;
import io.vigil.core.job.BackoffType;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class JobProcessorTest {
  // As often as the old hand-written loop: some states under test last only 100 ms.
  static final Duration POLL = Duration.ofMillis(5);

  private static Engine engine(Vertx vertx, RedisNode redis, EngineSettings settings) {
    redis.flushAll();
    return Engine.create(RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await(), settings, Clock.systemUTC(), false);
  }

  private static EngineSettings settings() {
    return TunedSettings.defaults("vp").lease(1_000, 500, 1).build();
  }

  private static JobProcessor start(Vertx vertx, Engine engine, int concurrency, JobHandler handler) {
    ProcessorSettings ps = new ProcessorSettings("q", "w-" + System.nanoTime(), concurrency, 300, 5_000, true);
    JobProcessor processor = new JobProcessor(vertx, engine, ps, handler, ProcessorListener.NONE);
    vertx.runOnContext(v -> processor.start());
    return processor;
  }

  @Test
  void processesEveryJobOnceWithTheConfiguredConcurrency(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis, settings());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger runs = new AtomicInteger();
    JobProcessor processor = start(vertx, engine, 4, ctx -> {
      runs.incrementAndGet();
      seen.add(ctx.job().id());
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Promise<Object> done = Promise.promise();
      ctx.vertx().setTimer(5, id -> {
        inFlight.decrementAndGet();
        done.complete(ctx.job().dataJson());
      });
      return done.future();
    });
    for (int i = 0; i < 50; i++) {
      engine.enqueuer().enqueue("q", NewJob.of("echo", Integer.toString(i))).await();
    }

    await().pollInterval(POLL).atMost(Duration.ofSeconds(10)).until(() -> engine.admin().info("q").await().counts().get(JobState.COMPLETED) == 50);

    assertThat(seen).hasSize(50);
    assertThat(runs.get()).isEqualTo(50);
    assertThat(maxInFlight.get()).isBetween(2, 4);
    assertThat(processor.activeCount()).isZero();
    processor.stop(1000).await();
  }

  @Test
  void idleWorkerStartsANewJobWithinMillisecondsWithoutBusyPolling(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis, settings());
    List<Long> latenciesMs = new CopyOnWriteArrayList<>();
    AtomicLong submittedAt = new AtomicLong();
    JobProcessor processor = start(vertx, engine, 2, ctx -> {
      latenciesMs.add((System.nanoTime() - submittedAt.get()) / 1_000_000);
      return Future.succeededFuture();
    });
    await().pollInterval(POLL).atMost(Duration.ofSeconds(2)).until(() -> blockedClients(redis) >= 1);
    redis.command("CONFIG", "RESETSTAT");
    // The measuring window: script calls in one idle second.
    Thread.sleep(1_000);
    String stats = redis.info("commandstats", "cmdstat_evalsha");
    long idleScriptCalls = stats == null ? 0 : Long.parseLong(stats.replaceAll("^calls=(\\d+).*$", "$1"));

    for (int i = 0; i < 5; i++) {
      int expected = i + 1;
      submittedAt.set(System.nanoTime());
      engine.enqueuer().enqueue("q", NewJob.of("echo", "1")).await();
      await().pollInterval(POLL).atMost(Duration.ofSeconds(2)).until(() -> latenciesMs.size() == expected);
      // The next job must find the worker idle again, blocked on the marker.
      await().pollInterval(POLL).atMost(Duration.ofSeconds(2)).until(() -> blockedClients(redis) >= 1);
    }
    System.out.printf("idle_script_calls_per_s %d%nwake_latency_ms %s%n", idleScriptCalls, latenciesMs);

    assertThat(idleScriptCalls).isLessThanOrEqualTo(5);
    assertThat(latenciesMs).hasSize(5);
    assertThat(latenciesMs.stream().sorted().toList().get(2)).isLessThan(50);
    processor.stop(1000).await();
  }

  @Test
  void jobThatOutlivesItsTimeoutIsCancelledAndRetried(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis, settings());
    AtomicInteger attempts = new AtomicInteger();
    List<String> cancelReasons = new CopyOnWriteArrayList<>();
    JobProcessor processor = start(vertx, engine, 1, ctx -> {
      ctx.cancelled().onSuccess(cancelReasons::add);
      if (attempts.incrementAndGet() == 1) {
        return Promise.promise().future();
      }
      return Future.succeededFuture("second try");
    });
    String id = engine.enqueuer().enqueue("q", NewJob.of("slow", "1").withOptions(JobOptions
        .fromJson(new JsonObject().put("timeoutMs", 200)).withBackoff(new Backoff(BackoffType.FIXED, 10, 0)))).await().id();

    await().pollInterval(POLL).atMost(Duration.ofSeconds(5)).until(() -> engine.admin().getJob("q", id).await().state() == JobState.COMPLETED);

    Job job = engine.admin().getJob("q", id).await();
    assertThat(job.errors()).containsExactly("timed out after 200 ms");
    assertThat(job.attemptsMade()).isEqualTo(2);
    assertThat(cancelReasons).containsExactly("timeout");
    processor.stop(1000).await();
  }

  @Test
  void handlerCanMarkAnErrorNotRetryableOrAskForItsOwnDelay(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis, settings());
    JobProcessor processor = start(vertx, engine, 1, ctx -> switch (ctx.job().name()) {
      case "permanent" -> Future.failedFuture(JobFailure.permanent("invalid project"));
      default -> ctx.job().attemptsMade() == 0 ? Future.failedFuture(JobFailure.retryAfter("busy", 50)) : Future.succeededFuture();
    });
    String permanent = engine.enqueuer().enqueue("q", NewJob.of("permanent", "1").withOptions(JobOptions.DEFAULTS.withAttempts(5))).await().id();
    String later = engine.enqueuer().enqueue("q", NewJob.of("later", "1")).await().id();

    await().pollInterval(POLL).atMost(Duration.ofSeconds(5)).until(() -> engine.admin().getJob("q", later).await().state() == JobState.COMPLETED);

    Job failed = engine.admin().getJob("q", permanent).await();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.attemptsMade()).isEqualTo(1);
    assertThat(failed.failedReason()).isEqualTo("invalid project");
    processor.stop(1000).await();
  }

  @Test
  void stopLetsRunningJobsFinishWithinGraceAndHandsTheRestBackToWaiting(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis, settings());
    JobProcessor processor = start(vertx, engine, 2, ctx -> {
      Promise<Object> done = Promise.promise();
      long ms = ctx.job().name().equals("quick") ? 100 : 60_000;
      ctx.vertx().setTimer(ms, id -> done.tryComplete("ok"));
      return done.future();
    });
    String quick = engine.enqueuer().enqueue("q", NewJob.of("quick", "1")).await().id();
    String endless = engine.enqueuer().enqueue("q", NewJob.of("endless", "1")).await().id();
    await().pollInterval(POLL).atMost(Duration.ofSeconds(2)).until(() -> processor.activeCount() == 2);

    processor.stop(500).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(engine.admin().getJob("q", quick).await().state()).isEqualTo(JobState.COMPLETED);
    Job handedBack = engine.admin().getJob("q", endless).await();
    assertThat(handedBack.state()).isEqualTo(JobState.WAITING);
    assertThat(handedBack.attemptsStarted()).isZero();
    assertThat(engine.admin().info("q").await().counts().get(JobState.ACTIVE)).isZero();
  }

  @Test
  void workerThatLosesItsLeaseCancelsItsHandlerAndRecordsNothing(Vertx vertx, RedisNode redis) throws Exception {
    Engine engine = engine(vertx, redis, settings());
    List<String> reasons = new CopyOnWriteArrayList<>();
    JobProcessor processor = start(vertx, engine, 1, ctx -> {
      Promise<Object> never = Promise.promise();
      ctx.cancelled().onSuccess(reason -> {
        reasons.add(reason);
        never.tryComplete("late result");
      });
      return never.future();
    });
    String id = engine.enqueuer().enqueue("q", NewJob.of("x", "1")).await().id();
    await().pollInterval(POLL).atMost(Duration.ofSeconds(2)).until(() -> processor.activeCount() == 1);
    // Another party takes the lease away (as stalled recovery does after a long pause).
    redis.command("HSET", "vp:{q}:job:" + id, "lease", "someone-else");

    await().pollInterval(POLL).atMost(Duration.ofSeconds(3)).until(() -> !reasons.isEmpty());

    assertThat(reasons).containsExactly("lease lost");
    Job job = engine.admin().getJob("q", id).await();
    assertThat(job.state()).isEqualTo(JobState.ACTIVE);
    assertThat(job.resultJson()).isNull();
    processor.stop(100).await();
  }

  private static long blockedClients(RedisNode redis) {
    return Long.parseLong(redis.info("clients", "blocked_clients"));
  }
}
