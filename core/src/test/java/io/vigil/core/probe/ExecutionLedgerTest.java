package io.vigil.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionLedgerTest {

  /** The job as a handler sees it at a start: attempts started, attempts made, stalls. */
  private static Job start(String id, int started, int made, int stalls) {
    return new Job(id, "q", "probe", "{}", JobOptions.DEFAULTS, JobState.ACTIVE, 0, started, made, stalls, null, null,
        null, List.of(), "w", 0, 0L, null);
  }

  @Test
  void runsAfterAnAcknowledgedCompletionAreDuplicateExecutionsAndOtherRunsAreReRunsByReason() {
    ExecutionLedger ledger = new ExecutionLedger();
    ledger.started(start("once", 1, 0, 0));
    ledger.completed("once");
    ledger.started(start("stalled", 1, 0, 0));
    ledger.started(start("stalled", 2, 0, 1));
    ledger.started(start("retried", 1, 0, 0));
    ledger.started(start("retried", 2, 1, 0));
    ledger.started(start("lost-start", 1, 0, 0));
    ledger.started(start("lost-start", 1, 0, 0));
    ledger.started(start("reconciled", 1, 0, 0));
    ledger.started(start("reconciled", 2, 0, 0));
    ledger.started(start("redone", 1, 0, 0));
    ledger.completed("redone");
    ledger.started(start("redone", 1, 0, 0));
    ledger.completed("redone");

    Map<String, Long> byReason = new LinkedHashMap<>();
    byReason.put("stalled", 1L);
    byReason.put("retried", 1L);
    byReason.put("start_lost", 1L);
    byReason.put("reconciled", 1L);
    assertThat(ledger.reRunsByReason()).containsExactlyEntriesOf(byReason);
    assertThat(ledger.duplicateExecutions()).isEqualTo(1);
    assertThat(ledger.duplicateCompletions()).isEqualTo(1);
    assertThat(ledger.jobsRunMoreThanOnce()).isEqualTo(5);
    assertThat(ledger.extraRuns()).isEqualTo(5);
  }
}
