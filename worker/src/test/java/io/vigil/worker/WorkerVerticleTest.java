package io.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.worker.support.WorkerFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class WorkerVerticleTest {

  private static WorkerRegistry registry(WorkerFixture f) {
    return new WorkerRegistry(f.broker, WorkerFixture.PREFIX, Clock.systemUTC(), 600);
  }

  @Test
  void workerProcessesTheJobsOfEveryConfiguredQueueAndRegistersEachInstance(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    WorkerRegistry registry = registry(f);
    WorkerSettings settings = new WorkerSettings(List.of("default", "report-generation"), 3, 2, 1_000, 200, "host-1", "test-host");
    String deployment = WorkerVerticle.deploy(vertx, f.engine, settings, HandlerRegistry.withBuiltIns(), registry,
        ProcessorListener.NONE).await();
    List<String[]> jobs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String queue = i % 2 == 0 ? "default" : "report-generation";
      jobs.add(new String[] {queue, f.enqueue(queue, "echo", new JsonObject().put("i", i), JobOptions.DEFAULTS)});
    }

    for (String[] job : jobs) {
      assertThat(f.awaitState(job[0], job[1], JobState.COMPLETED).worker()).isIn("host-1-1", "host-1-2");
    }
    List<WorkerInfo> live = registry.list().await();
    assertThat(live).extracting(WorkerInfo::id).containsExactly("host-1-1", "host-1-2");
    assertThat(live).allSatisfy(w -> {
      assertThat(w.host()).isEqualTo("test-host");
      assertThat(w.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(w.queues()).containsExactly("default", "report-generation");
      assertThat(w.concurrency()).isEqualTo(3);
      assertThat(w.lastHeartbeatAt()).isGreaterThanOrEqualTo(w.startedAt());
    });

    vertx.undeploy(deployment).await();
    assertThat(registry.list().await()).isEmpty();
    assertThat(redis.command("KEYS", WorkerFixture.PREFIX + ":worker*")).isEqualTo(List.of());
  }

  @Test
  void gracefulStopFinishesQuickJobsAndHandsUnfinishedOnesBackToWaiting(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    List<String> cancelReasons = new CopyOnWriteArrayList<>();
    HandlerRegistry handlers = HandlerRegistry.withBuiltIns().register("endless", ctx -> {
      Promise<Object> never = Promise.promise();
      ctx.cancelled().onSuccess(cancelReasons::add);
      return never.future();
    });
    WorkerVerticle worker = new WorkerVerticle(f.engine, WorkerFixture.settings("w", 4, 400, "q"), "w", handlers,
        registry(f), ProcessorListener.NONE);
    String deployment = vertx.deployVerticle(worker).await();
    String quick = f.enqueue("q", "echo", new JsonObject().put("sleepMs", 150), JobOptions.DEFAULTS);
    String endless = f.enqueue("q", "endless", null, JobOptions.DEFAULTS);
    await().atMost(Duration.ofSeconds(5)).pollInterval(WorkerFixture.POLL).ignoreExceptions()
        .until(() -> f.job("q", endless).state() == JobState.ACTIVE
        && f.job("q", quick).state() == JobState.ACTIVE);

    long stopStarted = System.nanoTime();
    vertx.undeploy(deployment).await();
    long stopMs = (System.nanoTime() - stopStarted) / 1_000_000;

    assertThat(f.job("q", quick).state()).isEqualTo(JobState.COMPLETED);
    Job handedBack = f.job("q", endless);
    assertThat(handedBack.state()).isEqualTo(JobState.WAITING);
    assertThat(handedBack.attemptsMade()).isZero();
    assertThat(cancelReasons).containsExactly("shutdown");
    assertThat(f.engine.admin().info("q").await().counts().get(JobState.ACTIVE)).isZero();
    assertThat(stopMs).isBetween(350L, 3_000L);
  }

  @Test
  void cancelPublishedOnTheEventBusStopsTheHandlerAndFailsTheJobForGood(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    List<String> cancelReasons = new CopyOnWriteArrayList<>();
    HandlerRegistry handlers = HandlerRegistry.withBuiltIns().register("report", ctx -> {
      Promise<Object> done = Promise.promise();
      ctx.cancelled().onSuccess(reason -> {
        cancelReasons.add(reason);
        done.tryFail("stopped: " + reason);
      });
      return done.future();
    });
    vertx.deployVerticle(new WorkerVerticle(f.engine, WorkerFixture.settings("w", 4, 1_000, "q"), "w", handlers,
        registry(f), ProcessorListener.NONE)).await();
    String target = f.enqueue("q", "report", null, JobOptions.DEFAULTS.withAttempts(3));
    String bystander = f.enqueue("q", "echo", new JsonObject().put("sleepMs", 800), JobOptions.DEFAULTS);
    await().atMost(Duration.ofSeconds(5)).pollInterval(WorkerFixture.POLL).ignoreExceptions()
        .until(() -> f.job("q", target).state() == JobState.ACTIVE);

    vertx.eventBus().publish(WorkerVerticle.CANCEL_ADDRESS, "not a request");
    vertx.eventBus().publish(WorkerVerticle.CANCEL_ADDRESS, new JsonObject().put("queue", "other").put("jobId", target));
    vertx.eventBus().publish(WorkerVerticle.CANCEL_ADDRESS,
        new JsonObject().put("queue", "q").put("jobId", target).put("reason", "operator asked"));

    Job cancelled = f.awaitState("q", target, JobState.FAILED);
    assertThat(cancelReasons).containsExactly("operator asked");
    assertThat(cancelled.failedReason()).isEqualTo("operator asked");
    assertThat(cancelled.attemptsMade()).isEqualTo(1);
    assertThat(f.awaitState("q", bystander, JobState.COMPLETED).attemptsMade()).isEqualTo(1);
  }

  @Test
  void cancelWithoutAReasonUsesTheDefaultOne(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    vertx.deployVerticle(new WorkerVerticle(f.engine, WorkerFixture.settings("w", 1, 1_000, "q"), "w",
        HandlerRegistry.withBuiltIns(), registry(f), ProcessorListener.NONE)).await();
    String sleeper = f.enqueue("q", "echo", new JsonObject().put("sleepMs", 60_000), JobOptions.DEFAULTS);
    await().atMost(Duration.ofSeconds(5)).pollInterval(WorkerFixture.POLL).ignoreExceptions()
        .until(() -> f.job("q", sleeper).state() == JobState.ACTIVE);

    vertx.eventBus().publish(WorkerVerticle.CANCEL_ADDRESS, new JsonObject().put("queue", "q").put("jobId", sleeper));

    assertThat(f.awaitState("q", sleeper, JobState.FAILED).failedReason()).isEqualTo(CancelRequest.DEFAULT_REASON);
  }
}
