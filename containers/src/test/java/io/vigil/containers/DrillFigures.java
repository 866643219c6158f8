package io.vigil.containers;

import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What a drill measured, read from the final master's event stream ({@code <prefix>:{queue}:events}, one
 * {@code completed} entry per completion, Redis TIME stamps) against the client's acknowledgements.
 *
 * @param lost acknowledged ids never completed after the drain (must be 0)
 * @param duplicateCompletions ids with more than one {@code completed} event (must be 0)
 * @param duplicateExecutions handler starts after the job's completion was acknowledged ({@link RunLog})
 * @param runs handler starts the workers logged for the drill's queue
 * @param outageMs the longest stretch without a completion from the fault until the load stopped, counting from
 *     the fault (the fault call itself may take a while: docker kill under load)
 */
record DrillFigures(String drill, int submitted, int acknowledged, int completed, Set<String> lost,
                    int duplicateCompletions, long duplicateExecutions, long runs, long outageMs, int retries, long firstCompletionMs,
                    long lastCompletionMs) {

  /** Waits up to {@code drain} until every acknowledged id completed, then counts. */
  static DrillFigures collect(String drill, SentinelTopology topology, String prefix, RestLoad load, long faultAt,
                              long loadStoppedAt, Duration drain, Supplier<List<String>> workerConsoles) {
    long deadline = System.nanoTime() + drain.toNanos();
    Map<String, Integer> completions;
    Map<String, Long> firstCompletion;
    while (true) {
      Supplier<RedisNode> master = topology::currentMaster;
      Map<String, Integer> counts = new HashMap<>();
      Map<String, Long> first = new HashMap<>();
      readCompletions(master.get()::command, prefix + ":{" + load.queue() + "}:events", counts, first);
      completions = counts;
      firstCompletion = first;
      boolean drained = load.acked.keySet().stream().allMatch(counts::containsKey);
      if (drained || System.nanoTime() > deadline) {
        break;
      }
      sleep(250);
    }
    Set<String> lost = new TreeSet<>();
    for (String id : load.acked.keySet()) {
      if (!completions.containsKey(id)) {
        lost.add(id);
      }
    }
    int duplicates = (int) completions.values().stream().filter(n -> n > 1).count();
    long outage = faultAt <= 0 ? -1 : longestGap(faultAt, loadStoppedAt, firstCompletion.values());
    int completed = (int) load.acked.keySet().stream().filter(completions::containsKey).count();
    Map<String, Long> firstOfLoad = firstCompletion;
    long firstMs = load.acked.keySet().stream().filter(firstOfLoad::containsKey).mapToLong(firstOfLoad::get).min().orElse(0);
    long lastMs = load.acked.keySet().stream().filter(firstOfLoad::containsKey).mapToLong(firstOfLoad::get).max().orElse(0);
    List<String> consoles = workerConsoles.get();
    return new DrillFigures(drill, load.submitted.get(), load.acked.size(), completed, lost, duplicates,
        RunLog.duplicateExecutions(load.queue(), consoles), RunLog.starts(load.queue(), consoles), outage,
        load.retries.get(), firstMs, lastMs);
  }

  /** Reads the {@code completed} events of {@code stream} through {@code master} (a command on the master). */
  static void readCompletions(java.util.function.Function<String[], Object> master, String stream, Map<String, Integer> counts,
                                      Map<String, Long> first) {
    String from = "-";
    while (true) {
      List<?> entries = (List<?>) master.apply(new String[] {"XRANGE", stream, from, "+", "COUNT", "5000"});
      if (entries.isEmpty()) {
        return;
      }
      for (Object entry : entries) {
        List<?> pair = (List<?>) entry;
        List<?> fields = (List<?>) pair.get(1);
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          f.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
        }
        if ("completed".equals(f.get("event"))) {
          counts.merge(f.get("jobId"), 1, Integer::sum);
          first.merge(f.get("jobId"), Long.parseLong(f.get("ts")), Math::min);
        }
        from = "(" + pair.get(0);
      }
    }
  }

  /** The longest time without a completion in [from, to), counting from {@code from}. */
  static long longestGap(long from, long to, java.util.Collection<Long> times) {
    long previous = from;
    long longest = 0;
    for (long t : times.stream().filter(t -> t >= from && t < to).sorted().toList()) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return longest;
  }

  /** {@code containers.<drill>.<figure> <value> <unit>} lines. */
  String lines() {
    String p = "containers." + drill + ".";
    return p + "submitted " + submitted + " jobs\n" + p + "acknowledged " + acknowledged + " jobs\n"
        + p + "completed " + completed + " jobs\n" + p + "lost " + lost.size() + " jobs\n"
        + p + "duplicate_completions " + duplicateCompletions + " jobs\n" + p + "handler_runs " + runs + " runs\n"
        + p + "duplicate_executions " + duplicateExecutions + " runs\n" + p + "outage " + outageMs + " ms\n"
        + p + "client_retries " + retries + " requests\n";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
