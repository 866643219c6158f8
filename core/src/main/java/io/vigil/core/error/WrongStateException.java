package io.vigil.core.error;

/** The job is not in a state that allows the operation (for example removing an active job). */
public final class WrongStateException extends VigilException {
  public WrongStateException(String message) {
    super(ErrorCode.WRONG_STATE, message);
  }
}
