package io.vigil.dispatcher;

/**
 * What one dispatcher tick did: schedules looked at, fire jobs submitted (new or not) and created (summed over
 * all dispatchers, one per fire), misfires found while moving a watermark, and schedules that failed this tick.
 */
public record TickReport(int schedules, int enqueued, int created, int misfires, int failures) {
  public static final TickReport EMPTY = new TickReport(0, 0, 0, 0, 0);

  public TickReport plus(TickReport other) {
    return new TickReport(schedules + other.schedules, enqueued + other.enqueued, created + other.created,
        misfires + other.misfires, failures + other.failures);
  }
}
