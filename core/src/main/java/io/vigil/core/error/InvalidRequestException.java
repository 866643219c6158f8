package io.vigil.core.error;

/** Input that can never succeed: a bad name, option or payload. Nothing was written. */
public final class InvalidRequestException extends VigilException {
  public InvalidRequestException(String message) {
    super(ErrorCode.INVALID_REQUEST, message);
  }
}
