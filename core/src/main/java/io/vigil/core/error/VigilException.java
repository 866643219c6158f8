package io.vigil.core.error;

/**
 * The one family of errors Vigil reports. Each kind has a stable {@link ErrorCode}; one place (the
 * gateway's problem mapper) turns codes into HTTP statuses.
 */
public abstract sealed class VigilException extends RuntimeException
    permits InvalidRequestException, JobNotFoundException, LeaseMismatchException, WrongStateException,
        QueueFullException, MemoryWatermarkException, PayloadTooLargeException, RedisUnavailableException,
        NotDurableException, ScriptFailureException, QueueUnknownException, QueueLimitException,
        QueueBusyException {

  private final ErrorCode code;

  protected VigilException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, cause != null);
    this.code = code;
  }

  protected VigilException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ErrorCode code() {
    return code;
  }

  /** True when sending the same request again later may succeed. */
  public boolean retryable() {
    return code.retryable();
  }
}
