package io.vigil.worker;

import io.vigil.core.consume.JobContext;

/**
 * A handler that may block (JDBC, file I/O, a CPU-heavy report). It runs on a worker thread, never on an
 * event loop. Its return value (JsonObject, JsonArray, String, Number, Boolean or null) becomes the job's
 * result; throwing fails the attempt, and {@link io.vigil.core.consume.JobFailure} asks for a given retry
 * delay or marks the error as not retryable. When the job is cancelled (timeout, lost lease, operator,
 * shutdown) the thread is interrupted; long loops should also check {@link JobContext#isCancelled()}.
 */
@FunctionalInterface
public interface BlockingJobHandler {
  Object handle(JobContext context) throws Exception;
}
