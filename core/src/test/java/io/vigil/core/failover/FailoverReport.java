package io.vigil.core.failover;

import java.util.List;
import java.util.Set;

/**
 * What a failover run measured; printed as {@code name value unit} lines.
 *
 * @param lost acknowledged ids the final master does not list as completed (must be empty)
 * @param unexpected completed ids that were never submitted (must be 0)
 * @param duplicated ids whose handler ran more than once (at-least-once: allowed, counted)
 * @param outagesMs per fault, the longest gap between acknowledged completions until the next fault
 * @param submitOutagesMs per fault, the longest gap between acknowledged submissions after it
 */
record FailoverReport(int submitted, int acked, int completed, Set<String> lost, int unexpected, long duplicated,
                      long extraRuns, int resubmits, int leaseLost, int redisErrors, List<Long> outagesMs,
                      List<Long> submitOutagesMs) {

  /**
   * The longest stretch without an event between {@code fault} and {@code end} (the next fault, or when
   * the producer stopped), counting from the fault to the first event and from the last event to the end.
   */
  static long longestGapAfter(long fault, long end, List<Long> times) {
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

  void print(String scenario) {
    StringBuilder out = new StringBuilder();
    line(out, scenario, "submitted", submitted, "jobs");
    line(out, scenario, "acknowledged", acked, "jobs");
    line(out, scenario, "completed", completed, "jobs");
    line(out, scenario, "lost", lost.size(), "jobs");
    line(out, scenario, "unexpected", unexpected, "jobs");
    line(out, scenario, "duplicated", duplicated, "jobs");
    line(out, scenario, "extra_executions", extraRuns, "runs");
    line(out, scenario, "resubmitted_after_503", resubmits, "requests");
    line(out, scenario, "lease_lost", leaseLost, "jobs");
    line(out, scenario, "worker_redis_errors", redisErrors, "errors");
    for (int i = 0; i < outagesMs.size(); i++) {
      line(out, scenario, "outage_" + (i + 1) + "_completion_gap", outagesMs.get(i), "ms");
      line(out, scenario, "outage_" + (i + 1) + "_submission_gap", submitOutagesMs.get(i), "ms");
    }
    System.out.print(out);
  }

  private static void line(StringBuilder out, String scenario, String name, long value, String unit) {
    out.append(scenario).append('.').append(name).append(' ').append(value).append(' ').append(unit).append('\n');
  }
}
