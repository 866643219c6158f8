package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark, printed as {@code name value unit}: the engine on BullMQ's reference workloads, the same
 * through the shipped roles end to end ({@link EndToEnd}, {@link DurableDrain}), and BullMQ itself on the same
 * Redis ({@link BullMqRun}). Runs against its own redis-server unless REDIS_PORT names one; then it touches only
 * its own keys. BENCH_PARTS (default {@code engine,e2e,durable,bullmq}) picks parts.
 */
public final class EngineBenchmark {
  static final String PREFIX = "vigil-bench";
  private static final String SENT_AT = "{\"sentAtNanos\":";

  public static void main(String[] args) throws Exception {
    int jobs = Integer.parseInt(System.getenv().getOrDefault("BENCH_JOBS", "50000"));
    int e2eJobs = Integer.parseInt(System.getenv().getOrDefault("BENCH_E2E_JOBS", "20000"));
    List<String> parts = List.of(System.getenv().getOrDefault("BENCH_PARTS", "engine,e2e,durable,bullmq").split(","));
    Vertx vertx = Vertx.vertx();
    try (BenchTarget target = new BenchTarget(); RespConnection admin = target.client()) {
      RedisSettings redis = target.settings();
      System.out.println("# target: " + target.description() + "; jobs per workload: " + jobs + ", end to end: " + e2eJobs);
      System.out.println("# broker: " + redis);
      EngineSettings settings = EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", PREFIX,
          "REDIS_MEMORY_WATERMARK", "0"));
      // The broker production runs (RedisConnector), so the figures are the shipped path's.
      Engine engine = Engine.create(RedisConnector.connect(vertx, redis).await(), settings, Clock.systemUTC(), false);
      Workloads w = new Workloads(vertx, engine);
      CpuMeter cpu = new CpuMeter(admin);
      String run = Long.toString(System.currentTimeMillis(), 36);

      // A part that fails (a role that cannot start on a loaded machine, say) is reported; the others still run.
      part(parts, "engine", () -> engine(engine, w, cpu, admin, run, jobs));
      part(parts, "e2e", () -> {
        EndToEnd e2e = new EndToEnd(vertx, engine, admin, target.roleEnv(), run);
        e2e.submit(e2eJobs);
        e2e.latency();
        String queue = "e2e-drain-" + run;
        EndToEnd.drain("e2e_drain_c50", vertx, engine, admin, target.roleEnv(), queue, e2eJobs);
        cleanup(admin, queue);
      });
      part(parts, "durable", () -> DurableDrain.run(vertx, run, e2eJobs));
      part(parts, "bullmq", () -> {
        System.out.flush();
        BullMqRun.run(target, jobs);
      });
    } finally {
      vertx.close().await();
    }
  }

  private interface Part {
    void run() throws Exception;
  }

  private static void part(List<String> parts, String name, Part part) {
    if (!parts.contains(name)) {
      return;
    }
    try {
      part.run();
    } catch (Exception e) {
      System.out.println("# part " + name + " failed: " + e.getMessage());
    }
  }

  /** The engine's workloads, driven in this JVM through the broker the roles use. */
  private static void engine(Engine engine, Workloads w, CpuMeter cpu, RespConnection admin, String run, int jobs)
      throws Exception {
    // Warm up the JIT and the script cache.
    String warm = "warm-" + run;
    w.enqueueBulk(warm, 20_000, Workloads.REMOVE_ON_COMPLETE);
    w.drain(warm, 1, 50, 20_000, ctx -> Future.succeededFuture());
    cleanup(admin, warm);

    String enqueue = "enqueue-" + run;
    cpu.start();
    long ns = w.enqueueBulk(enqueue, jobs, Workloads.REMOVE_ON_COMPLETE);
    report("enqueue_bulk1000", jobs / (ns / 1e9), "jobs/s", cpu.perJob(jobs));

    cpu.start();
    ns = w.drain(enqueue, 1, 50, jobs, ctx -> Future.succeededFuture());
    report("process_c50", jobs / (ns / 1e9), "jobs/s", cpu.perJob(jobs));
    cleanup(admin, enqueue);

    latency(engine, w, cpu, admin, run);

    String memory = "memory-" + run;
    long before = usedMemory(admin);
    w.enqueueBulk(memory, jobs, Workloads.REMOVE_ON_COMPLETE);
    long after = usedMemory(admin);
    System.out.printf(Locale.ROOT, "mem_per_waiting_job %.0f bytes%n", (after - before) / (double) jobs);
    cleanup(admin, memory);

    String retry = "retry-" + run;
    int retryJobs = jobs / 5;
    w.enqueueBulk(retry, retryJobs, Workloads.retryOnce());
    cpu.start();
    ns = w.drain(retry, 1, 50, retryJobs, ctx -> ctx.job().attemptsMade() == 0
        ? Future.failedFuture("fails once") : Future.succeededFuture());
    report("retry_exp10", retryJobs / (ns / 1e9), "jobs/s", cpu.perJob(retryJobs));
    cleanup(admin, retry);
  }

  /** Enqueue-to-handler-start latency with single submissions at 1000 jobs/s for 10 s. */
  private static void latency(Engine engine, Workloads w, CpuMeter cpu, RespConnection admin, String run) throws Exception {
    String queue = "latency-" + run;
    int total = 10_000;
    List<Long> latenciesNs = Collections.synchronizedList(new ArrayList<>(total));
    Thread consumer = new Thread(() -> {
      try {
        w.drain(queue, 1, 50, total, ctx -> {
          String data = ctx.job().dataJson();
          long sentAt = Long.parseLong(data.substring(SENT_AT.length(), data.indexOf(',')));
          latenciesNs.add(System.nanoTime() - sentAt);
          return Future.succeededFuture();
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    consumer.start();
    Thread.sleep(300);
    cpu.start();
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * 1_000_000L;
      // Parked, not spinning: a spinning producer would steal a core from Redis on a 2-core machine.
      long wait = due - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      String data = SENT_AT + System.nanoTime() + "," + Workloads.PAYLOAD.substring(1);
      engine.enqueuer().enqueue(queue, NewJob.of("latency", data).withOptions(Workloads.REMOVE_ON_COMPLETE));
    }
    consumer.join();
    double[] perJob = cpu.perJob(total);
    List<Long> sorted = latenciesNs.stream().sorted().toList();
    double p50 = sorted.get(sorted.size() / 2) / 1e6;
    double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
    report("latency_p50_at1000", p50, "ms", perJob);
    System.out.printf(Locale.ROOT, "latency_p99_at1000 %.2f ms%n", p99);
    cleanup(admin, queue);
  }

  static void report(String name, double value, String unit, double[] cpuPerJob) {
    print(name, value, unit);
    System.out.printf(Locale.ROOT, "%s_redis_cpu_us %.2f us/job%n", name, cpuPerJob[0]);
    System.out.printf(Locale.ROOT, "%s_jvm_cpu_us %.2f us/job%n", name, cpuPerJob[1]);
    System.out.printf(Locale.ROOT, "%s_redis_calls %.1f per job%n", name, cpuPerJob[2]);
  }

  static void print(String name, double value, String unit) {
    System.out.printf(Locale.ROOT, "%s %.2f %s%n", name, value, unit);
  }

  private static long usedMemory(RespConnection admin) {
    return Long.parseLong(Replies.info(admin.command("INFO", "memory")).get("used_memory"));
  }

  /** Deletes only this run's keys of one queue. */
  static void cleanup(RespConnection admin, String queue) {
    String cursor = "0";
    do {
      List<?> reply = (List<?>) admin.command("SCAN", cursor, "MATCH", PREFIX + ":{" + queue + "}:*", "COUNT", "1000");
      cursor = String.valueOf(reply.get(0));
      List<String> keys = ((List<?>) reply.get(1)).stream().map(String::valueOf).toList();
      if (!keys.isEmpty()) {
        admin.command(Stream.concat(Stream.of("UNLINK"), keys.stream()).toList());
      }
    } while (!"0".equals(cursor));
    admin.command("SREM", PREFIX + ":queues", queue);
  }
}
