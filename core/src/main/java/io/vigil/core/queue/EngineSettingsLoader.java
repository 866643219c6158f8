package io.vigil.core.queue;

import io.vigil.core.job.Backoff;
import java.util.Map;

/** Builds {@link EngineSettings} from environment variables; a bad value fails naming the variable. */
public final class EngineSettingsLoader {
  private EngineSettingsLoader() {}

  public static EngineSettings fromEnv(Map<String, String> env) {
    EngineSettings d = EngineSettings.defaults("vigil");
    String prefix = env.getOrDefault("REDIS_QUEUE_PREFIX", "vigil");
    long retentionMs = (long) (number(env, "REDIS_JOB_RETENTION_HOURS", 24) * 3600 * 1000);
    return new EngineSettings(prefix,
        (int) number(env, "VIGIL_DEFAULT_ATTEMPTS", d.defaultAttempts()),
        new Backoff(Backoff.DEFAULT.type(), (long) number(env, "VIGIL_DEFAULT_BACKOFF_MS", Backoff.DEFAULT.delayMs()), 0),
        (int) number(env, "VIGIL_KEEP_COMPLETED", d.keepCompleted()),
        (int) number(env, "VIGIL_KEEP_FAILED", d.keepFailed()),
        retentionMs,
        (int) number(env, "REDIS_MAX_JOBS_PER_QUEUE", d.maxJobsPerQueue()),
        number(env, "REDIS_MEMORY_WATERMARK", d.memoryWatermark()),
        (int) number(env, "VIGIL_MAX_PAYLOAD_BYTES", d.maxPayloadBytes()),
        (int) number(env, "VIGIL_MAX_EVENTS", d.maxEvents()),
        (long) number(env, "VIGIL_LEASE_MS", d.leaseMs()),
        (long) number(env, "VIGIL_STALLED_INTERVAL_MS", d.stalledIntervalMs()),
        (int) number(env, "VIGIL_MAX_STALLED_COUNT", d.maxStalledCount()),
        d.promoteBatch(), d.errorsKept(), d.stalledBatch());
  }

  private static double number(Map<String, String> env, String name, double fallback) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + raw + "'");
    }
  }
}
