package io.vigil.core.error;

/** A new queue would exceed VIGIL_MAX_QUEUES; nothing was written. */
public final class QueueLimitException extends VigilException {
  public QueueLimitException(String message) {
    super(ErrorCode.QUEUE_LIMIT, message);
  }
}
