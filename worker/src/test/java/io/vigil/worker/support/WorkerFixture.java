package io.vigil.worker.support;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.topology.RedisNode;
import io.vigil.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An engine on a real, emptied Redis with short leases, plus the waits worker tests need. */
public final class WorkerFixture {
  /** How often waits look; a job is active only for a few hundred ms in some tests. */
  public static final Duration POLL = Duration.ofMillis(10);
  public static final String PREFIX = "vw";
  public final RedisNode redis;
  public final Broker broker;
  public final Engine engine;

  public WorkerFixture(Vertx vertx, RedisNode redis) {
    this.redis = redis;
    redis.flushAll();
    this.broker = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
    this.engine = Engine.create(broker, EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", PREFIX,
        "VIGIL_LEASE_MS", "2000", "VIGIL_STALLED_INTERVAL_MS", "1000")), Clock.systemUTC(), false);
  }

  /** Settings for one instance with a fixed id and a short heartbeat. */
  public static WorkerSettings settings(String workerId, int concurrency, long graceMs, String... queues) {
    return new WorkerSettings(List.of(queues), concurrency, 1, graceMs, 200, workerId, "test-host");
  }

  public String enqueue(String queue, String name, JsonObject data, JobOptions options) {
    return engine.enqueuer().enqueue(queue, new NewJob(null, name, data == null ? "null" : data.encode(), options)).await().id();
  }

  public Job job(String queue, String id) {
    return engine.admin().getJob(queue, id).await();
  }

  public Job awaitState(String queue, String id, JobState state) {
    // A job not written yet counts as "not there yet".
    await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).ignoreExceptions()
        .until(() -> job(queue, id).state() == state);
    return job(queue, id);
  }
}
