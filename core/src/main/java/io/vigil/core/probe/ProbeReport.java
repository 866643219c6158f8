package io.vigil.core.probe;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a probe run measured, sorted like Jepsen's total-queue checker (see {@link ExecutionLedger}).
 *
 * @param lost acknowledged ids the final master does not list as completed (must be empty)
 * @param lostByState where the lost ids are on the final master ({@code missing}: no job hash at all)
 * @param unexpected completed ids that were never submitted (must be 0)
 * @param duplicated ids whose handler ran more than once, for any reason
 * @param reRuns re-runs of jobs not yet completed, by reason (at-least-once: allowed, counted)
 * @param resubmits submissions retried with the same id after a retryable error (a 503 at the API)
 * @param outagesMs per fault, the longest gap between acknowledged completions until the next fault
 * @param submitOutagesMs the same for acknowledged submissions
 */
public record ProbeReport(int submitted, int acked, int completed, Set<String> lost, Map<String, Integer> lostByState,
                          int unexpected, long duplicated, long extraRuns, long duplicateExecutions,
                          long duplicateCompletions, Map<String, Long> reRuns, int resubmits, int leaseLost,
                          int redisErrors, List<Long> outagesMs, List<Long> submitOutagesMs) {

  /**
   * The longest stretch without an event between {@code fault} and {@code end} (the next fault, or when
   * the producer stopped), counting from the fault to the first event and from the last event to the end.
   */
  public static long longestGapAfter(long fault, long end, List<Long> times) {
    long previous = fault;
    long longest = 0;
    for (long t : times.stream().sorted().toList()) {
      if (t < fault || t >= end) {
        continue;
      }
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return end == Long.MAX_VALUE ? longest : Math.max(longest, end - previous);
  }

  /** {@code <prefix>.<name> <value> <unit>} lines, one per figure. */
  public String lines(String prefix) {
    StringBuilder out = new StringBuilder();
    line(out, prefix, "submitted", submitted, "jobs");
    line(out, prefix, "acknowledged", acked, "jobs");
    line(out, prefix, "completed", completed, "jobs");
    line(out, prefix, "lost", lost.size(), "jobs");
    line(out, prefix, "unexpected", unexpected, "jobs");
    line(out, prefix, "duplicated", duplicated, "jobs");
    line(out, prefix, "extra_executions", extraRuns, "runs");
    line(out, prefix, "duplicate_executions", duplicateExecutions, "runs");
    line(out, prefix, "duplicate_completions", duplicateCompletions, "jobs");
    line(out, prefix, "reruns", reRuns.values().stream().mapToLong(Long::longValue).sum(), "runs");
    reRuns.forEach((reason, n) -> line(out, prefix, "rerun_" + reason, n, "runs"));
    line(out, prefix, "resubmitted_after_503", resubmits, "requests");
    line(out, prefix, "lease_lost", leaseLost, "jobs");
    line(out, prefix, "worker_redis_errors", redisErrors, "errors");
    for (int i = 0; i < outagesMs.size(); i++) {
      line(out, prefix, "outage_" + (i + 1) + "_completion_gap", outagesMs.get(i), "ms");
      line(out, prefix, "outage_" + (i + 1) + "_submission_gap", submitOutagesMs.get(i), "ms");
    }
    lostByState.forEach((state, n) -> line(out, prefix, "lost_in_state_" + state, n, "jobs"));
    return out.toString();
  }

  private static void line(StringBuilder out, String prefix, String name, long value, String unit) {
    out.append(prefix).append('.').append(name).append(' ').append(value).append(' ').append(unit).append('\n');
  }
}
