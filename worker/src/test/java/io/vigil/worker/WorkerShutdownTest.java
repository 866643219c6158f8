package io.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.Retention;
import io.vigil.core.queue.Lease;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.worker.support.WorkerFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Undeploying the worker role (what the node does on SIGTERM) mid-stream leaves no job active and none stalled. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class WorkerShutdownTest {
  private static final int JOBS = 300;

  @Test
  void undeployingAWorkerMidStreamManyTimesLeavesNoActiveJobAndCompletesEveryJobOnce(Vertx vertx, RedisNode redis)
      throws Exception {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    AtomicInteger completed = new AtomicInteger();
    HandlerRegistry handlers = HandlerRegistry.withBuiltIns().register("tick", ctx -> {
      runs.computeIfAbsent(ctx.job().id(), k -> new AtomicInteger()).incrementAndGet();
      Promise<Object> done = Promise.promise();
      ctx.vertx().setTimer(1, id -> done.complete("ok"));
      return done.future();
    });
    ProcessorListener listener = new ProcessorListener() {
      @Override
      public void completed(Lease lease, long durationMs) {
        completions.computeIfAbsent(lease.jobId(), k -> new AtomicInteger()).incrementAndGet();
        completed.incrementAndGet();
      }
    };
    JobOptions keep = JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(-1, 0));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      ids.add(f.enqueue("q", "tick", null, keep));
    }
    WorkerRegistry registry = new WorkerRegistry(f.broker, WorkerFixture.PREFIX, Clock.systemUTC(), 600);

    List<Long> orphans = new ArrayList<>();
    for (int round = 0; round < 15; round++) {
      int target = completed.get() + 10 + round % 5;
      String deployment = vertx.deployVerticle(new WorkerVerticle(f.engine, WorkerFixture.settings("w" + round, 1, 1_000, "q"),
          "w" + round, handlers, registry, listener)).await();
      await().atMost(Duration.ofSeconds(20)).pollInterval(WorkerFixture.POLL).ignoreExceptions()
          .until(() -> completed.get() >= target);
      vertx.undeploy(deployment).await();
      orphans.add((Long) redis.command("ZCARD", WorkerFixture.PREFIX + ":{q}:active"));
    }
    String drain = vertx.deployVerticle(new WorkerVerticle(f.engine, WorkerFixture.settings("drain", 1, 1_000, "q"),
        "drain", handlers, registry, listener)).await();
    await().atMost(Duration.ofSeconds(30)).pollInterval(WorkerFixture.POLL).ignoreExceptions()
        .until(() -> (Long) redis.command("ZCARD", WorkerFixture.PREFIX + ":{q}:completed") == JOBS);
    vertx.undeploy(drain).await();

    List<String> stalled = ids.stream().filter(id -> f.job("q", id).stalls() > 0).toList();
    List<String> notOnce = ids.stream().filter(id -> completions.getOrDefault(id, new AtomicInteger()).get() != 1
        || runs.getOrDefault(id, new AtomicInteger()).get() != 1).toList();
    System.out.printf("worker undeploy: orphansPerRound=%s stalled=%d notOnce=%d%n", orphans, stalled.size(), notOnce.size());
    assertThat(orphans).as("active jobs left after each undeploy").allMatch(n -> n == 0);
    assertThat(stalled).isEmpty();
    assertThat(notOnce).isEmpty();
  }
}
