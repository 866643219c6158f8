package io.vigil.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.queue.Lease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Job-processing metrics per queue (the {@code vigil_jobs_*}, {@code vigil_lease_lost_total},
 * {@code vigil_redis_errors_total} and {@code vigil_job_duration_seconds} of the README), fed by the job processors.
 * Thread-safe: one instance serves every processor of the JVM.
 */
public final class WorkerMetrics implements ProcessorListener {
  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)};
  private static final Map<String, String> HELP = Map.of(
      "vigil.jobs.completed", "Job attempts that completed",
      "vigil.jobs.retried", "Job attempts that failed and were scheduled again",
      "vigil.jobs.failed", "Jobs that failed for good (attempts used up or not retryable)",
      "vigil.lease.lost", "Leases a worker could not renew; the handler was cancelled",
      "vigil.jobs.stalled", "Jobs recovered from dead or stuck workers (requeued or failed)",
      "vigil.redis.errors", "Redis calls of a job processor that failed");
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Creates the queues' counters at zero, so that an alert on {@code increase()} sees their first event
   * (a series that appears with the value 1 has no increase).
   */
  public WorkerMetrics forQueues(List<String> queues) {
    queues.forEach(queue -> HELP.keySet().forEach(name -> count(name, queue, 0)));
    return this;
  }

  @Override
  public void completed(Lease lease, long durationMs) {
    count("vigil.jobs.completed", lease.queue(), 1);
    duration(lease.queue(), "completed", durationMs);
  }

  @Override
  public void retrying(Lease lease, long durationMs, String error) {
    count("vigil.jobs.retried", lease.queue(), 1);
    duration(lease.queue(), "retried", durationMs);
  }

  @Override
  public void failed(Lease lease, long durationMs, String error) {
    count("vigil.jobs.failed", lease.queue(), 1);
    duration(lease.queue(), "failed", durationMs);
  }

  @Override
  public void leaseLost(Lease lease) {
    count("vigil.lease.lost", lease.queue(), 1);
  }

  @Override
  public void stalledRecovered(String queue, int requeued, int failed) {
    count("vigil.jobs.stalled", queue, requeued + failed);
  }

  @Override
  public void redisError(String queue, Throwable error) {
    count("vigil.redis.errors", queue, 1);
  }

  private void count(String name, String queue, int amount) {
    counters.computeIfAbsent(name + " " + queue, key -> Counter.builder(name)
            .description(HELP.get(name)).tag("queue", queue).register(registry))
        .increment(amount);
  }

  private void duration(String queue, String outcome, long durationMs) {
    timers.computeIfAbsent(queue + " " + outcome, key -> Timer.builder("vigil.job.duration")
            .description("Time a handler spent on one attempt").tag("queue", queue).tag("outcome", outcome)
            .serviceLevelObjectives(BUCKETS).register(registry))
        .record(durationMs, TimeUnit.MILLISECONDS);
  }
}
