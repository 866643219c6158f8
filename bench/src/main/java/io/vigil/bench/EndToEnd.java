package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobState;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.QueueInfo;
import io.vigil.resp.RespConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * End-to-end figures through the shipped roles, each in its own JVM ({@link RoleProcess}): REST submissions
 * through the gateway, submit-to-handler-start latency through gateway and workers, and the workers' drain
 * of a full queue with the built-in {@code echo} handler. CPU per job is Redis's and the roles' JVM's.
 */
final class EndToEnd {
  static final String TOKEN = "bench-token-0123456789abcdef";
  private static final String SINGLE = "{\"name\":\"echo\",\"data\":" + Workloads.PAYLOAD
      + ",\"options\":{\"removeOnComplete\":true}}";
  private final Vertx vertx;
  private final Engine engine;
  private final RespConnection admin;
  private final Map<String, String> redisEnv;
  private final String run;

  /** {@code redisEnv}: the REDIS_* settings that point the roles at the Redis the bench measures. */
  EndToEnd(Vertx vertx, Engine engine, RespConnection admin, Map<String, String> redisEnv, String run) {
    this.vertx = vertx;
    this.engine = engine;
    this.admin = admin;
    this.redisEnv = redisEnv;
    this.run = run;
  }

  /** e2e_submit_single (50 connections, 10 s) and e2e_submit_bulk (bulks of 1000 over REST). */
  void submit(int bulkJobs) {
    String queue = "e2e-submit-" + run;
    try (RoleProcess gateway = RoleProcess.start("gateway", env(queue), "gateway");
         RestLoad load = new RestLoad(vertx, gateway.baseUrl(), TOKEN, 50)) {
      CpuMeter cpu = new CpuMeter(admin, gateway::cpuNanos);
      String path = "/api/v1/queues/" + queue + "/jobs";
      load.closedLoop(50, 3_000, Long.MAX_VALUE, path, () -> SINGLE);
      cpu.start();
      RestLoad.Result single = load.closedLoop(50, 10_000, Long.MAX_VALUE, path, () -> SINGLE);
      EngineBenchmark.report("e2e_submit_single", single.perSecond(), "jobs/s", cpu.perJob(single.count()));
      EngineBenchmark.print("e2e_submit_single_p50", single.percentileMs(0.50), "ms");
      EngineBenchmark.print("e2e_submit_single_p99", single.percentileMs(0.99), "ms");
      errors("e2e_submit_single", single);
      EngineBenchmark.cleanup(admin, queue);

      String bulk = bulkBody();
      load.closedLoop(4, 60_000, 5, path + "/bulk", () -> bulk);
      cpu.start();
      RestLoad.Result bulks = load.closedLoop(4, 120_000, bulkJobs / 1000, path + "/bulk", () -> bulk);
      long jobs = bulks.count() * 1000;
      EngineBenchmark.report("e2e_submit_bulk", jobs / (bulks.elapsedNs() / 1e9), "jobs/s", cpu.perJob(jobs));
      errors("e2e_submit_bulk", bulks);
      EngineBenchmark.cleanup(admin, queue);
    }
  }

  /** Failed requests are not in the figures; a run that had any says how many. */
  private static void errors(String name, RestLoad.Result result) {
    if (result.errors() > 0) {
      EngineBenchmark.print(name + "_failed_requests", result.errors(), "requests");
    }
  }

  private static String bulkBody() {
    JsonArray jobs = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      jobs.add(new JsonObject(SINGLE));
    }
    return new JsonObject().put("jobs", jobs).encode();
  }

  /** Submit (REST) to handler start at 1000 submissions/s for 10 s, through gateway and workers in one JVM. */
  void latency() throws InterruptedException {
    String queue = "e2e-latency-" + run;
    try (RoleProcess all = RoleProcess.start("all", env(queue), "all");
         RestLoad load = new RestLoad(vertx, all.baseUrl(), TOKEN, 50)) {
      String path = "/api/v1/queues/" + queue + "/jobs";
      load.openLoop(1000, 2_000, 500, path, EndToEnd::timedBody);
      CpuMeter cpu = new CpuMeter(admin, all::cpuNanos);
      cpu.start();
      RestLoad.Result result = load.openLoop(1000, 10_000, 500, path, EndToEnd::timedBody);
      awaitEmpty(engine, queue);
      double[] perJob = cpu.perJob(result.count());
      List<Future<Job>> jobs = result.bodies().stream().map(answer -> engine.admin().getJob(queue, answer.getString("id"))).toList();
      Future.all(jobs).await();
      List<Long> waits = new ArrayList<>();
      for (Future<Job> job : jobs) {
        waits.add(job.result().startedAt() - new JsonObject(job.result().dataJson()).getLong("sentAtMs"));
      }
      Collections.sort(waits);
      EngineBenchmark.report("e2e_latency_p50_at1000", waits.get(waits.size() / 2), "ms", perJob);
      EngineBenchmark.print("e2e_latency_p99_at1000", waits.get((int) (waits.size() * 0.99)), "ms");
      EngineBenchmark.print("e2e_submit_p99_at1000", result.percentileMs(0.99), "ms");
      // Sends skipped because 500 were unanswered: the gateway could not keep 1000/s on this machine.
      EngineBenchmark.print("e2e_submit_skipped_at1000", 10_000 - result.count() - result.errors(), "requests");
      errors("e2e_latency_at1000", result);
      EngineBenchmark.cleanup(admin, queue);
    }
  }

  /** Kept (the start time is read afterwards); the send time on this host's clock, as Redis TIME is. */
  private static String timedBody() {
    return "{\"name\":\"echo\",\"data\":{\"sentAtMs\":" + System.currentTimeMillis() + ",\"p\":\"" + "x".repeat(170)
        + "\"},\"options\":{\"removeOnComplete\":100000}}";
  }

  /**
   * Workers (concurrency 50, one JVM) drain {@code jobs} echo jobs submitted while the queue was paused; timed
   * from resume until nothing is waiting or active. {@code engine} and {@code admin} reach the same Redis as
   * {@code redisEnv}.
   */
  static void drain(String name, Vertx vertx, Engine engine, RespConnection admin, Map<String, String> redisEnv,
                    String queue, int jobs) throws InterruptedException {
    Map<String, String> env = roleEnv(redisEnv, queue);
    try (RoleProcess worker = RoleProcess.start("worker", env, name)) {
      Workloads w = new Workloads(vertx, engine);
      w.enqueueBulk(queue, "echo", Math.min(jobs, 10_000), Workloads.REMOVE_ON_COMPLETE);
      awaitEmpty(engine, queue);
      engine.admin().pause(queue).await();
      w.enqueueBulk(queue, "echo", jobs, Workloads.REMOVE_ON_COMPLETE);
      CpuMeter cpu = new CpuMeter(admin, worker::cpuNanos);
      cpu.start();
      long start = System.nanoTime();
      engine.admin().resume(queue).await();
      awaitEmpty(engine, queue);
      long elapsed = System.nanoTime() - start;
      EngineBenchmark.report(name, jobs / (elapsed / 1e9), "jobs/s", cpu.perJob(jobs));
    }
  }

  private static void awaitEmpty(Engine engine, String queue) throws InterruptedException {
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (System.nanoTime() < deadline) {
      QueueInfo info = engine.admin().info(queue).await();
      if (info.counts().get(JobState.WAITING) + info.counts().get(JobState.ACTIVE) + info.counts().get(JobState.DELAYED) == 0) {
        return;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("queue " + queue + " was not drained in 4 minutes");
  }

  private Map<String, String> env(String queue) {
    return roleEnv(redisEnv, queue);
  }

  /** The roles' environment: this run's Redis and prefix, any free HTTP port, one admin token, one queue. */
  static Map<String, String> roleEnv(Map<String, String> redisEnv, String queue) {
    Map<String, String> env = new HashMap<>(redisEnv);
    env.put("REDIS_QUEUE_PREFIX", EngineBenchmark.PREFIX);
    env.put("VIGIL_HTTP_PORT", "0");
    env.put("VIGIL_API_TOKENS", "bench:" + TOKEN + ":admin");
    env.put("VIGIL_WORKER_QUEUES", queue);
    env.put("VIGIL_WORKER_CONCURRENCY", "50");
    env.keySet().removeAll(Set.of("VIGIL_CLUSTER_MEMBERS", "JAVA_OPTS"));
    return env;
  }
}
