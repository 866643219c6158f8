package io.vigil.dispatcher;

import java.util.List;

/**
 * What one schedule does in one tick: the fire times (epoch ms) to enqueue, earliest first; the misfires found
 * (counted up to a bound); the new watermark ({@code handledUntil}), or -1 when nothing was due.
 */
public record FirePlan(List<Long> fires, int misfires, long handledUntil) {
  public static final FirePlan NOTHING_DUE = new FirePlan(List.of(), 0, -1);

  public FirePlan {
    fires = List.copyOf(fires);
  }
}
