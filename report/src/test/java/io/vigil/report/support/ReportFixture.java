package io.vigil.report.support;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.core.consume.JobProcessor;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.consume.ProcessorSettings;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.report.ReportGenerationHandler;
import io.vigil.report.ReportSettings;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The report job end to end: a real engine on a real Redis, a fixture site on loopback, and a real
 * {@link JobProcessor} running {@link ReportGenerationHandler} on the report queue.
 */
public final class ReportFixture implements AutoCloseable {
  public static final String PREFIX = "vr";
  public static final int CAP = 256 * 1024;
  public final Vertx vertx;
  public final RedisNode redis;
  public final Engine engine;
  public final FixtureSite site;
  public final ReportGenerationHandler handler;
  private JobProcessor processor;
  private Context context;

  public ReportFixture(Vertx vertx, RedisNode redis) {
    this.vertx = vertx;
    this.redis = redis;
    redis.flushAll();
    this.engine = Engine.create(RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await(),
        EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", PREFIX, "VIGIL_LEASE_MS", "2000",
            "VIGIL_STALLED_INTERVAL_MS", "1000")), Clock.systemUTC(), false);
    this.site = FixtureSite.start(vertx);
    this.handler = ReportGenerationHandler.create(vertx, engine, loopbackSettings(site, CAP, 3, 1_000, 5_000));
  }

  /** The default settings with fetches of {@code site}'s ports allowed and the given limits. */
  public static ReportSettings loopbackSettings(FixtureSite site, int maxBytes, int maxRedirects, long readTimeoutMs,
                                                long totalTimeoutMs) {
    ReportSettings d = ReportSettings.defaults();
    return new ReportSettings(site.allowEntries(), d.connectTimeoutMs(), readTimeoutMs, totalTimeoutMs, maxBytes,
        maxRedirects, d.maxCompetitors(), d.keepMs());
  }

  public ReportFixture startProcessor() {
    ProcessorSettings ps = new ProcessorSettings(ReportGenerationHandler.QUEUE, "w-" + System.nanoTime(), 2, 300, 5_000, true);
    processor = new JobProcessor(vertx, engine, ps, handler, ProcessorListener.NONE);
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> processor.start());
    return this;
  }

  /** Operator cancel, run on the processor's own context as the processor requires. */
  public boolean cancel(String jobId, String reason) {
    Promise<Boolean> done = Promise.promise();
    context.runOnContext(v -> done.complete(processor.cancel(jobId, reason)));
    return done.future().await();
  }

  public static JsonObject payload(String projectId, String format, JsonObject... competitors) {
    return new JsonObject().put("projectId", projectId).put("format", format)
        .put("competitors", new JsonArray(java.util.List.of((Object[]) competitors)));
  }

  public static JsonObject competitor(String name, String url) {
    return new JsonObject().put("name", name).put("url", url);
  }

  public String submit(JsonObject payload, JobOptions options) {
    NewJob job = NewJob.of(ReportGenerationHandler.JOB_NAME, payload.encode()).withOptions(options);
    return engine.enqueuer().enqueue(ReportGenerationHandler.QUEUE, job).await().id();
  }

  public String submit(JsonObject payload) {
    return submit(payload, JobOptions.DEFAULTS);
  }

  public Job job(String id) {
    return engine.admin().getJob(ReportGenerationHandler.QUEUE, id).await();
  }

  /** Waits until the job is completed or failed, and returns it. */
  public Job awaitFinished(String id) {
    // A job not visible yet is not finished yet.
    return await("job " + id + " to finish").atMost(Duration.ofSeconds(15)).ignoreException(JobNotFoundException.class)
        .until(() -> job(id), job -> job.state() == JobState.COMPLETED || job.state() == JobState.FAILED);
  }

  public JsonObject report(String id) throws InterruptedException {
    Job job = awaitFinished(id);
    if (job.state() != JobState.COMPLETED) {
      throw new AssertionError("job " + id + " " + job.state().wireName() + ": " + job.failedReason());
    }
    return new JsonObject(job.resultJson());
  }

  @Override
  public void close() {
    if (processor != null) {
      processor.stop(1_000).await();
    }
    handler.close().await();
    site.close();
    engine.broker().close().await();
  }
}
