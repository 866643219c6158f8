package io.vigil.core.error;

/** The queue was never declared and only declared queues take jobs (VIGIL_QUEUES_DECLARED); nothing was written. */
public final class QueueUnknownException extends VigilException {
  public QueueUnknownException(String message) {
    super(ErrorCode.QUEUE_UNKNOWN, message);
  }
}
