package io.vigil.core.error;

/** The queue already holds its maximum of unfinished jobs; nothing was written. */
public final class QueueFullException extends VigilException {
  public QueueFullException(String message) {
    super(ErrorCode.QUEUE_FULL, message);
  }
}
