package io.vigil.dispatcher;

import java.util.List;

/**
 * What one schedule does in one tick.
 *
 * @param fires fire times (epoch ms) to enqueue, earliest first
 * @param misfires fires found later than the misfire threshold (whatever the policy did with them), counted up to a bound
 * @param handledUntil the schedule's new watermark (every fire up to it is enqueued or skipped), or -1 when nothing was due
 */
public record FirePlan(List<Long> fires, int misfires, long handledUntil) {
  public static final FirePlan NOTHING_DUE = new FirePlan(List.of(), 0, -1);

  public FirePlan {
    fires = List.copyOf(fires);
  }
}
