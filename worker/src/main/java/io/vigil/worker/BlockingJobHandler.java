package io.vigil.worker;

import io.vigil.core.consume.JobContext;

/**
 * A handler that may block (JDBC, file I/O, CPU-heavy work); it runs on a worker thread. Its return value becomes
 * the job's result and throwing fails the attempt ({@link io.vigil.core.consume.JobFailure} for a retry delay or no
 * retry); on cancel the thread is interrupted, and long loops should check {@link JobContext#isCancelled()}.
 */
@FunctionalInterface
public interface BlockingJobHandler {
  Object handle(JobContext context) throws Exception;
}
