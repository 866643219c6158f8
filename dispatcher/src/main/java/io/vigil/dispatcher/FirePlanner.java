package io.vigil.dispatcher;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides which fires of a schedule are due. Fires within the misfire threshold are enqueued; older ones are
 * misfires, handled per policy up to the catch-up bound, taken from the start of the missed range so that
 * dispatchers racing on the same stale watermark pick the same fire times.
 */
public record FirePlanner(long misfireThresholdMs, int maxCatchUp) {
  /** Upper bound on on-time fires per tick; with the catch-up bound it keeps one tick within one bulk enqueue. */
  public static final int MAX_ON_TIME = 800;
  /** Misfires are counted up to this many per catch-up, so a long downtime costs bounded work. */
  public static final int MISFIRE_COUNT_BOUND = 1000;

  public FirePlan plan(CronTimes times, MisfirePolicy policy, long handledUntilMs, long nowMs) {
    Instant handledUntil = Instant.ofEpochMilli(handledUntilMs);
    Instant now = Instant.ofEpochMilli(nowMs);
    Instant lateUntil = now.minusMillis(misfireThresholdMs);
    List<Instant> late = lateUntil.isAfter(handledUntil)
        ? times.between(handledUntil, lateUntil, MISFIRE_COUNT_BOUND) : List.of();
    Instant onTimeFrom = lateUntil.isAfter(handledUntil) ? lateUntil : handledUntil;
    List<Instant> onTime = times.between(onTimeFrom, now, MAX_ON_TIME);
    if (late.isEmpty() && onTime.isEmpty()) {
      return FirePlan.NOTHING_DUE;
    }
    int catchUp = switch (policy) {
      case SKIP -> 0;
      case FIRE_ONCE -> Math.min(1, late.size());
      case FIRE_ALL -> Math.min(maxCatchUp, late.size());
    };
    List<Long> fires = Stream.concat(late.subList(0, catchUp).stream(), onTime.stream()).map(Instant::toEpochMilli)
        .toList();
    // No fire lies in (last on-time fire, now] unless the on-time walk stopped at its bound.
    long watermark = onTime.size() == MAX_ON_TIME ? onTime.get(onTime.size() - 1).toEpochMilli() : nowMs;
    return new FirePlan(fires, late.size(), watermark);
  }
}
