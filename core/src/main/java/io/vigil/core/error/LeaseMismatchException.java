package io.vigil.core.error;

/** The caller's lease token is not the job's current one: its lease was lost, so its result is refused. */
public final class LeaseMismatchException extends VigilException {
  public LeaseMismatchException(String message) {
    super(ErrorCode.LEASE_MISMATCH, message);
  }
}
