package io.vigil.ops.drill;

import io.vigil.core.keys.Names;

/**
 * What one failover drill does, validated once; each error names its flag (see {@link DrillCommand}).
 *
 * @param rate probe jobs submitted per second
 * @param warmupS seconds of load before the fault
 * @param afterS seconds of load after the broker follows the new master
 * @param external wait for a fault made by someone else instead of sending SENTINEL FAILOVER
 * @param waitS how long to wait for the master to change
 * @param drainS how long to wait for every acknowledged probe to complete
 * @param concurrency probe jobs run at once
 * @param queue the drill's own queue
 * @param keep leave the queue's keys in Redis afterwards
 */
public record DrillOptions(int rate, int warmupS, int afterS, boolean external, int waitS, int drainS,
                           int concurrency, String queue, boolean keep) {

  public DrillOptions {
    within("--rate", rate, 1, 10_000);
    within("--warmup", warmupS, 0, 3_600);
    within("--after", afterS, 0, 3_600);
    within("--wait", waitS, 1, 86_400);
    within("--drain", drainS, 1, 3_600);
    within("--concurrency", concurrency, 1, 1_000);
    try {
      Names.requireValidQueue(queue);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--queue: " + e.getMessage(), e);
    }
  }

  private static void within(String flag, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}
