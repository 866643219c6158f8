package io.vigil.core.error;

/** The write was applied on the master but not confirmed by enough replicas in time; retry with the same job id. */
public final class NotDurableException extends VigilException {
  public NotDurableException(String message) {
    super(ErrorCode.NOT_DURABLE, message);
  }

}
