package io.vigil.core.script;

import io.vigil.core.error.ErrorCode;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.error.MemoryWatermarkException;
import io.vigil.core.error.QueueBusyException;
import io.vigil.core.error.QueueFullException;
import io.vigil.core.error.QueueLimitException;
import io.vigil.core.error.QueueUnknownException;
import io.vigil.core.error.ScriptFailureException;
import io.vigil.core.error.VigilException;
import io.vigil.core.error.WrongStateException;
import java.util.Arrays;

/** Translates the negative status a script returns into the matching typed exception: the only place that does. */
public final class ScriptStatus {
  private ScriptStatus() {}

  public static VigilException toException(long status, String subject) {
    ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.scriptStatus() < 0 && c.scriptStatus() == status)
        .findFirst().orElse(ErrorCode.SCRIPT_FAILURE);
    return switch (code) {
      case JOB_NOT_FOUND -> new JobNotFoundException("job " + subject + " not found");
      case LEASE_MISMATCH -> new LeaseMismatchException("lease token for job " + subject + " is no longer current");
      case WRONG_STATE -> new WrongStateException("job " + subject + " is not in a state that allows this");
      case QUEUE_FULL -> new QueueFullException("queue " + subject + " is full");
      case MEMORY_WATERMARK -> new MemoryWatermarkException(
          "Redis memory is above the watermark; queue " + subject + " refuses new jobs");
      case QUEUE_UNKNOWN -> new QueueUnknownException("queue " + subject + " is not declared; an admin declares it with"
          + " PUT /queues/" + subject + " (or VIGIL_QUEUES)");
      case QUEUE_LIMIT -> new QueueLimitException("queue " + subject + " would be a new queue beyond VIGIL_MAX_QUEUES;"
          + " delete an idle queue first");
      case QUEUE_BUSY -> new QueueBusyException("queue " + subject + " still has waiting, delayed or active jobs;"
          + " delete it with force=true to drop them");
      default -> new ScriptFailureException("unexpected script status " + status + " for " + subject);
    };
  }
}
