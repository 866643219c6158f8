package io.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.Backoff;
import io.vigil.core.job.BackoffType;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.queue.Lease;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.worker.support.WorkerFixture;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class WorkerMetricsTest {

  @Test
  void processedJobsShowUpInPrometheusPerQueueWithTheDocumentedNames(Vertx vertx, RedisNode redis) throws Exception {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WorkerMetrics metrics = new WorkerMetrics(prometheus);
    vertx.deployVerticle(new WorkerVerticle(f.engine, WorkerFixture.settings("w", 2, 1_000, "q"), "w",
        HandlerRegistry.withBuiltIns(), new WorkerRegistry(f.broker, WorkerFixture.PREFIX, Clock.systemUTC(), 600),
        metrics)).await();
    JobOptions quickRetry = JobOptions.DEFAULTS.withBackoff(new Backoff(BackoffType.FIXED, 10, 0)).withAttempts(2);

    String retried = f.enqueue("q", "echo", new JsonObject().put("failTimes", 1), quickRetry);
    String failed = f.enqueue("q", "unknown-job", null, quickRetry);
    f.awaitState("q", retried, JobState.COMPLETED);
    f.awaitState("q", failed, JobState.FAILED);
    Lease lease = new Lease(f.job("q", retried), "token", 0);
    metrics.leaseLost(lease);
    metrics.stalledRecovered("q", 2, 1);
    metrics.redisError("q", new RuntimeException("down"));

    String scrape = prometheus.scrape();
    assertThat(scrape)
        .contains("vigil_jobs_completed_total{queue=\"q\"} 1.0")
        .contains("vigil_jobs_retried_total{queue=\"q\"} 1.0")
        .contains("vigil_jobs_failed_total{queue=\"q\"} 1.0")
        .contains("vigil_jobs_stalled_total{queue=\"q\"} 3.0")
        .contains("vigil_lease_lost_total{queue=\"q\"} 1.0")
        .contains("vigil_redis_errors_total{queue=\"q\"} 1.0")
        .contains("vigil_job_duration_seconds_count{outcome=\"completed\",queue=\"q\"} 1")
        .contains("vigil_job_duration_seconds_bucket{outcome=\"retried\",queue=\"q\",le=\"0.005\"}")
        .contains("vigil_job_duration_seconds_count{outcome=\"failed\",queue=\"q\"} 1");
  }
}
