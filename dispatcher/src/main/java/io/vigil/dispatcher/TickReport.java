package io.vigil.dispatcher;

/**
 * What one dispatcher tick did.
 *
 * @param schedules schedules looked at
 * @param enqueued fire jobs submitted (new or already there)
 * @param created fire jobs this dispatcher created; summed over all dispatchers, one per fire
 * @param misfires late fires found by this dispatcher when it moved a schedule's watermark
 * @param failures schedules whose fires could not be enqueued this tick (retried next tick)
 */
public record TickReport(int schedules, int enqueued, int created, int misfires, int failures) {
  public static final TickReport EMPTY = new TickReport(0, 0, 0, 0, 0);

  public TickReport plus(TickReport other) {
    return new TickReport(schedules + other.schedules, enqueued + other.enqueued, created + other.created,
        misfires + other.misfires, failures + other.failures);
  }
}
