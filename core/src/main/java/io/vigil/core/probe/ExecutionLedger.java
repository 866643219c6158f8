package io.vigil.core.probe;

import io.vigil.core.job.Job;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells the probe's handler runs apart, so a report can hold at-least-once re-runs to a different standard
 * than work done twice.
 * 1. A handler started for a job whose earlier run's completion was acknowledged is a duplicate execution:
 *    finished work redone (a completion lost in a failover).
 * 2. A second acknowledged completion of the same job is a duplicate completion (never allowed).
 * 3. Any other start beyond the first is a re-run, explained by what the job's hash says changed since the
 *    previous start (see {@link Reason}).
 */
public final class ExecutionLedger {

  /** Why a job without an acknowledged completion ran again, judged from its hash at the new start. */
  public enum Reason {
    /** Its lease expired and the stalled check put it back: {@code stalls} grew. */
    STALLED,
    /** The earlier attempt failed and was retried: {@code attemptsMade} grew. */
    RETRIED,
    /**
     * The master that handed it out again had no record of the earlier start (the fetch was lost with the
     * old master in a failover), or a stopping worker released it: {@code attemptsStarted} did not grow.
     */
    START_LOST,
    /** Put back without a stall, as reconcile does with an active job whose lease a failover lost. */
    RECONCILED
  }

  private record Start(int attemptsStarted, int attemptsMade, int stalls) {}

  private final Map<String, Start> lastStart = new HashMap<>();
  private final Map<String, Boolean> completed = new HashMap<>();
  private final Map<Reason, Long> reRuns = new EnumMap<>(Reason.class);
  private final Set<String> ranAgain = new HashSet<>();
  private long runs;
  private long duplicateExecutions;
  private long duplicateCompletions;

  /** A handler starts on this snapshot of its job. */
  public synchronized void started(Job job) {
    runs++;
    Start now = new Start(job.attemptsStarted(), job.attemptsMade(), job.stalls());
    Start before = lastStart.put(job.id(), now);
    if (before == null) {
      return;
    }
    ranAgain.add(job.id());
    if (completed.containsKey(job.id())) {
      duplicateExecutions++;
    } else {
      reRuns.merge(reason(before, now), 1L, Long::sum);
    }
  }

  /** A completion of this job was acknowledged. */
  public synchronized void completed(String jobId) {
    if (completed.putIfAbsent(jobId, Boolean.TRUE) != null) {
      duplicateCompletions++;
    }
  }

  private static Reason reason(Start before, Start now) {
    if (now.stalls() > before.stalls()) {
      return Reason.STALLED;
    }
    if (now.attemptsMade() > before.attemptsMade()) {
      return Reason.RETRIED;
    }
    if (now.attemptsStarted() <= before.attemptsStarted()) {
      return Reason.START_LOST;
    }
    return Reason.RECONCILED;
  }

  /** Jobs whose handler started more than once, for whatever reason. */
  public synchronized long jobsRunMoreThanOnce() {
    return ranAgain.size();
  }

  /** Handler runs beyond the first per job: re-runs plus duplicate executions. */
  public synchronized long extraRuns() {
    return runs - lastStart.size();
  }

  public synchronized long duplicateExecutions() {
    return duplicateExecutions;
  }

  public synchronized long duplicateCompletions() {
    return duplicateCompletions;
  }

  /** Re-runs by reason, every reason listed (0 included), in declaration order. */
  public synchronized Map<String, Long> reRunsByReason() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Reason reason : Reason.values()) {
      out.put(reason.name().toLowerCase(Locale.ROOT), reRuns.getOrDefault(reason, 0L));
    }
    return out;
  }
}
