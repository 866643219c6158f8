package io.vigil.ops.drill;

import java.util.List;

/**
 * Command-line options of {@link FailoverDrill}.
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

  public static final String USAGE = String.join("\n",
      "usage: FailoverDrill [--rate N] [--warmup S] [--after S] [--external] [--wait S] [--drain S]",
      "                     [--concurrency N] [--queue NAME] [--keep]",
      "  Connects with the REDIS_* variables, submits probe jobs at --rate (50/s) to its own queue",
      "  (vigil-drill-<epoch ms>), runs them, and after --warmup (5 s) asks the Sentinels for",
      "  SENTINEL FAILOVER (--external: waits up to --wait (120 s) for a fault you cause, e.g. kill -9",
      "  of the master). It keeps the load --after (10 s) the switch, waits up to --drain (60 s) for",
      "  every acknowledged probe to complete, prints 'drill.<name> <value> <unit>' lines, deletes the",
      "  queue's keys (unless --keep) and exits 0, or 1 when an acknowledged probe was lost,",
      "  2 on bad arguments or settings, 3 when Redis could not be reached or the master did not change.");

  public static DrillOptions parse(List<String> args, long nowMs) {
    int rate = 50;
    int warmup = 5;
    int after = 10;
    boolean external = false;
    int wait = 120;
    int drain = 60;
    int concurrency = 4;
    String queue = "vigil-drill-" + nowMs;
    boolean keep = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--rate" -> rate = number(args, ++i, arg, 1, 10_000);
        case "--warmup" -> warmup = number(args, ++i, arg, 0, 3_600);
        case "--after" -> after = number(args, ++i, arg, 0, 3_600);
        case "--external" -> external = true;
        case "--wait" -> wait = number(args, ++i, arg, 1, 86_400);
        case "--drain" -> drain = number(args, ++i, arg, 1, 3_600);
        case "--concurrency" -> concurrency = number(args, ++i, arg, 1, 1_000);
        case "--queue" -> queue = value(args, ++i, arg);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    io.vigil.core.keys.Names.requireValidQueue(queue);
    return new DrillOptions(rate, warmup, after, external, wait, drain, concurrency, queue, keep);
  }

  private static String value(List<String> args, int i, String name) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args.get(i);
  }

  private static int number(List<String> args, int i, String name, int min, int max) {
    String text = value(args, i, name);
    try {
      int n = Integer.parseInt(text);
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
    }
  }
}
