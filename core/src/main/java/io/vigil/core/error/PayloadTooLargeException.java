package io.vigil.core.error;

/** The job payload is larger than the configured cap; nothing was written. */
public final class PayloadTooLargeException extends VigilException {
  public PayloadTooLargeException(String message) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, message);
  }
}
