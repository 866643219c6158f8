package io.vigil.core.support;

import io.vigil.core.queue.EngineSettings;

/**
 * Engine settings for tests: the shipped defaults with the fields a test changes, ages in milliseconds
 * (the environment takes hours).
 */
public final class TunedSettings {
  private EngineSettings s;

  private TunedSettings(EngineSettings s) {
    this.s = s;
  }

  public static TunedSettings defaults(String prefix) {
    return new TunedSettings(EngineSettings.defaults(prefix));
  }

  public TunedSettings maxJobsPerQueue(int value) {
    s = new EngineSettings(s.prefix(), s.defaultAttempts(), s.defaultBackoff(), s.keepCompleted(), s.keepFailed(),
        s.retentionMs(), value, s.memoryWatermark(), s.maxPayloadBytes(), s.maxEvents(), s.leaseMs(),
        s.stalledIntervalMs(), s.maxStalledCount(), s.promoteBatch(), s.errorsKept(), s.stalledBatch(),
        s.idReservationMs());
    return this;
  }

  public TunedSettings memoryWatermark(double value) {
    s = new EngineSettings(s.prefix(), s.defaultAttempts(), s.defaultBackoff(), s.keepCompleted(), s.keepFailed(),
        s.retentionMs(), s.maxJobsPerQueue(), value, s.maxPayloadBytes(), s.maxEvents(), s.leaseMs(),
        s.stalledIntervalMs(), s.maxStalledCount(), s.promoteBatch(), s.errorsKept(), s.stalledBatch(),
        s.idReservationMs());
    return this;
  }

  public TunedSettings maxPayloadBytes(int value) {
    s = new EngineSettings(s.prefix(), s.defaultAttempts(), s.defaultBackoff(), s.keepCompleted(), s.keepFailed(),
        s.retentionMs(), s.maxJobsPerQueue(), s.memoryWatermark(), value, s.maxEvents(), s.leaseMs(),
        s.stalledIntervalMs(), s.maxStalledCount(), s.promoteBatch(), s.errorsKept(), s.stalledBatch(),
        s.idReservationMs());
    return this;
  }

  public TunedSettings lease(long leaseMs, long stalledIntervalMs, int maxStalled) {
    s = new EngineSettings(s.prefix(), s.defaultAttempts(), s.defaultBackoff(), s.keepCompleted(), s.keepFailed(),
        s.retentionMs(), s.maxJobsPerQueue(), s.memoryWatermark(), s.maxPayloadBytes(), s.maxEvents(), leaseMs,
        stalledIntervalMs, maxStalled, s.promoteBatch(), s.errorsKept(), s.stalledBatch(), s.idReservationMs());
    return this;
  }

  public TunedSettings retention(int completed, int failed, long ageMs) {
    s = new EngineSettings(s.prefix(), s.defaultAttempts(), s.defaultBackoff(), completed, failed, ageMs,
        s.maxJobsPerQueue(), s.memoryWatermark(), s.maxPayloadBytes(), s.maxEvents(), s.leaseMs(),
        s.stalledIntervalMs(), s.maxStalledCount(), s.promoteBatch(), s.errorsKept(), s.stalledBatch(),
        s.idReservationMs());
    return this;
  }

  public TunedSettings idReservationMs(long value) {
    s = new EngineSettings(s.prefix(), s.defaultAttempts(), s.defaultBackoff(), s.keepCompleted(), s.keepFailed(),
        s.retentionMs(), s.maxJobsPerQueue(), s.memoryWatermark(), s.maxPayloadBytes(), s.maxEvents(), s.leaseMs(),
        s.stalledIntervalMs(), s.maxStalledCount(), s.promoteBatch(), s.errorsKept(), s.stalledBatch(), value);
    return this;
  }

  public EngineSettings build() {
    return s;
  }
}
