package io.vigil.worker;

import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.queue.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One debug line per handler start and per acknowledged completion (logger {@code io.vigil.worker.JobRunLog}),
 * then the same call on {@code next}. Off unless that logger is at debug ({@code VIGIL_LOG_LEVELS}); the drills
 * read these lines to count duplicate executions: a start after an acknowledged completion of the same job.
 */
public final class JobRunLog implements ProcessorListener {
  private static final Logger log = LoggerFactory.getLogger(JobRunLog.class);
  private final ProcessorListener next;

  public JobRunLog(ProcessorListener next) {
    this.next = next;
  }

  @Override
  public void started(Lease lease) {
    if (log.isDebugEnabled()) {
      log.debug("job run started queue={} job={} attemptsStarted={} attemptsMade={} stalls={}", lease.queue(),
          lease.jobId(), lease.job().attemptsStarted(), lease.job().attemptsMade(), lease.job().stalls());
    }
    next.started(lease);
  }

  @Override
  public void completed(Lease lease, long durationMs) {
    log.debug("job completion acknowledged queue={} job={}", lease.queue(), lease.jobId());
    next.completed(lease, durationMs);
  }

  @Override
  public void retrying(Lease lease, long durationMs, String error) {
    next.retrying(lease, durationMs, error);
  }

  @Override
  public void failed(Lease lease, long durationMs, String error) {
    next.failed(lease, durationMs, error);
  }

  @Override
  public void leaseLost(Lease lease) {
    next.leaseLost(lease);
  }

  @Override
  public void stalledRecovered(String queue, int requeued, int failed) {
    next.stalledRecovered(queue, requeued, failed);
  }

  @Override
  public void redisError(String queue, Throwable error) {
    next.redisError(queue, error);
  }
}
