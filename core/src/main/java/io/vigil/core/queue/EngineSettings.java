package io.vigil.core.queue;

import io.vigil.core.job.Backoff;
import io.vigil.core.keys.Names;
import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.util.Map;

/**
 * Engine-wide defaults and limits, built once from the environment ({@link #fromEnv} names each variable)
 * and validated here; each error names the setting.
 *
 * @param maxJobsPerQueue unfinished jobs per queue (0 = no cap)
 * @param memoryWatermark share of Redis maxmemory above which submissions are refused (0 = off)
 * @param idReservationMs how long an accepted job id cannot create a second job, whatever the retention
 *     (0 = free again once the job is gone)
 * @param queues which queue names may hold jobs (declaration mode, cap)
 */
public record EngineSettings(String prefix, int defaultAttempts, Backoff defaultBackoff, int keepCompleted,
                             int keepFailed, long retentionMs, int maxJobsPerQueue, double memoryWatermark,
                             int maxPayloadBytes, int maxEvents, long leaseMs, long stalledIntervalMs,
                             int maxStalledCount, int promoteBatch, int errorsKept, int stalledBatch,
                             long idReservationMs, QueuePolicy queues) {

  /** Settings with the default (open, capped) queue policy. */
  public EngineSettings(String prefix, int defaultAttempts, Backoff defaultBackoff, int keepCompleted,
                        int keepFailed, long retentionMs, int maxJobsPerQueue, double memoryWatermark,
                        int maxPayloadBytes, int maxEvents, long leaseMs, long stalledIntervalMs,
                        int maxStalledCount, int promoteBatch, int errorsKept, int stalledBatch,
                        long idReservationMs) {
    this(prefix, defaultAttempts, defaultBackoff, keepCompleted, keepFailed, retentionMs, maxJobsPerQueue,
        memoryWatermark, maxPayloadBytes, maxEvents, leaseMs, stalledIntervalMs, maxStalledCount, promoteBatch,
        errorsKept, stalledBatch, idReservationMs, QueuePolicy.OPEN);
  }

  public EngineSettings {
    java.util.Objects.requireNonNull(queues, "queues");
    Names.requireValidPrefix(prefix);
    require(defaultAttempts >= 1, "VIGIL_DEFAULT_ATTEMPTS", "must be >= 1, got " + defaultAttempts);
    require(keepCompleted >= -1, "VIGIL_KEEP_COMPLETED", "must be >= -1, got " + keepCompleted);
    require(keepFailed >= -1, "VIGIL_KEEP_FAILED", "must be >= -1, got " + keepFailed);
    require(retentionMs >= 0, "REDIS_JOB_RETENTION_HOURS", "must be >= 0");
    require(maxJobsPerQueue >= 0, "REDIS_MAX_JOBS_PER_QUEUE", "must be >= 0, got " + maxJobsPerQueue);
    require(memoryWatermark >= 0 && memoryWatermark <= 1, "REDIS_MEMORY_WATERMARK", "must be between 0 and 1, got " + memoryWatermark);
    require(maxPayloadBytes > 0, "VIGIL_MAX_PAYLOAD_BYTES", "must be > 0, got " + maxPayloadBytes);
    require(maxEvents > 0, "VIGIL_MAX_EVENTS", "must be > 0, got " + maxEvents);
    require(leaseMs >= 100, "VIGIL_LEASE_MS", "must be >= 100, got " + leaseMs);
    require(stalledIntervalMs >= 10, "VIGIL_STALLED_INTERVAL_MS", "must be >= 10, got " + stalledIntervalMs);
    require(maxStalledCount >= 0, "VIGIL_MAX_STALLED_COUNT", "must be >= 0, got " + maxStalledCount);
    if (promoteBatch <= 0 || errorsKept <= 0 || stalledBatch <= 0) {
      // Not settings: fixed in code, so a programming error rather than a refusal naming a variable.
      throw new IllegalArgumentException("batch sizes must be > 0");
    }
    require(idReservationMs >= 0, "VIGIL_ID_RESERVATION_HOURS", "must be >= 0, got " + idReservationMs);
  }

  private static final long HOUR_MS = 3600L * 1000;

  public static EngineSettings defaults(String prefix) {
    return new EngineSettings(prefix, 3, Backoff.DEFAULT, 100, 50, 24L * 3600 * 1000, 0, 0.9,
        512 * 1024, 10_000, 30_000, 30_000, 1, 1000, 10, 1000, 24L * 3600 * 1000);
  }

  /** Unset or blank means the default. */
  public static EngineSettings fromEnv(Map<String, String> env) {
    EngineSettings d = defaults("vigil");
    EnvReader r = new EnvReader(env);
    long retentionHours = r.wholeNumber("REDIS_JOB_RETENTION_HOURS", d.retentionMs() / HOUR_MS, 0,
        Long.MAX_VALUE / HOUR_MS);
    return new EngineSettings(r.string("REDIS_QUEUE_PREFIX", "vigil"),
        r.integer("VIGIL_DEFAULT_ATTEMPTS", d.defaultAttempts()),
        new Backoff(Backoff.DEFAULT.type(),
            r.wholeNumber("VIGIL_DEFAULT_BACKOFF_MS", Backoff.DEFAULT.delayMs(), 0, Backoff.MAX_DELAY_MS), 0),
        r.integer("VIGIL_KEEP_COMPLETED", d.keepCompleted()),
        r.integer("VIGIL_KEEP_FAILED", d.keepFailed()),
        retentionHours * HOUR_MS,
        r.integer("REDIS_MAX_JOBS_PER_QUEUE", d.maxJobsPerQueue()),
        r.decimal("REDIS_MEMORY_WATERMARK", d.memoryWatermark(), 0, 1),
        r.integer("VIGIL_MAX_PAYLOAD_BYTES", d.maxPayloadBytes()),
        r.integer("VIGIL_MAX_EVENTS", d.maxEvents()),
        r.wholeNumber("VIGIL_LEASE_MS", d.leaseMs()),
        r.wholeNumber("VIGIL_STALLED_INTERVAL_MS", d.stalledIntervalMs()),
        r.integer("VIGIL_MAX_STALLED_COUNT", d.maxStalledCount()),
        d.promoteBatch(), d.errorsKept(), d.stalledBatch(),
        r.wholeNumber("VIGIL_ID_RESERVATION_HOURS", d.idReservationMs() / HOUR_MS, 0, Long.MAX_VALUE / HOUR_MS)
            * HOUR_MS,
        new QueuePolicy(r.bool("VIGIL_QUEUES_DECLARED", false),
            r.integer("VIGIL_MAX_QUEUES", QueuePolicy.DEFAULT_MAX_QUEUES, 1, 1_000_000),
            r.list("VIGIL_QUEUES", null)));
  }

  /** The same settings under another queue policy. */
  public EngineSettings withQueues(QueuePolicy policy) {
    return new EngineSettings(prefix, defaultAttempts, defaultBackoff, keepCompleted, keepFailed, retentionMs,
        maxJobsPerQueue, memoryWatermark, maxPayloadBytes, maxEvents, leaseMs, stalledIntervalMs, maxStalledCount,
        promoteBatch, errorsKept, stalledBatch, idReservationMs, policy);
  }

  private static void require(boolean condition, String variable, String why) {
    SettingsException.require(condition, variable, why);
  }
}
