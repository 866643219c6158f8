package io.vigil.core.queue;

import io.vigil.core.job.Backoff;
import io.vigil.settings.EnvReader;
import java.util.Map;

/** Builds {@link EngineSettings} from environment variables; a bad value fails naming the variable. */
public final class EngineSettingsLoader {
  private static final long HOUR_MS = 3600L * 1000;

  private EngineSettingsLoader() {}

  public static EngineSettings fromEnv(Map<String, String> env) {
    EngineSettings d = EngineSettings.defaults("vigil");
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
            * HOUR_MS);
  }
}
