package io.vigil.core.error;

/** The queue still has waiting, delayed or active jobs, so it was not deleted. */
public final class QueueBusyException extends VigilException {
  public QueueBusyException(String message) {
    super(ErrorCode.QUEUE_BUSY, message);
  }
}
