package io.vigil.core.script;

import io.vigil.core.error.ErrorCode;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.error.MemoryWatermarkException;
import io.vigil.core.error.QueueFullException;
import io.vigil.core.error.ScriptFailureException;
import io.vigil.core.error.VigilException;
import io.vigil.core.error.WrongStateException;

/** Translates the negative status a script returns into the matching typed exception: the only place that does. */
public final class ScriptStatus {
  private ScriptStatus() {}

  public static VigilException toException(long status, String subject) {
    if (status == ErrorCode.JOB_NOT_FOUND.scriptStatus()) {
      return new JobNotFoundException("job " + subject + " not found");
    }
    if (status == ErrorCode.LEASE_MISMATCH.scriptStatus()) {
      return new LeaseMismatchException("lease token for job " + subject + " is no longer current");
    }
    if (status == ErrorCode.WRONG_STATE.scriptStatus()) {
      return new WrongStateException("job " + subject + " is not in a state that allows this");
    }
    if (status == ErrorCode.QUEUE_FULL.scriptStatus()) {
      return new QueueFullException("queue " + subject + " is full");
    }
    if (status == ErrorCode.MEMORY_WATERMARK.scriptStatus()) {
      return new MemoryWatermarkException("Redis memory is above the watermark; queue " + subject + " refuses new jobs");
    }
    return new ScriptFailureException("unexpected script status " + status + " for " + subject);
  }
}
