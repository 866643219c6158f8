package io.vigil.core.error;

/** Stable error codes, shared by Lua status replies (negative numbers), Java exceptions and HTTP problems. */
public enum ErrorCode {
  INVALID_REQUEST(0, 400, false),
  JOB_NOT_FOUND(-1, 404, false),
  LEASE_MISMATCH(-2, 409, false),
  WRONG_STATE(-3, 409, false),
  QUEUE_FULL(-4, 429, true),
  MEMORY_WATERMARK(-5, 503, true),
  QUEUE_UNKNOWN(-6, 404, false),
  QUEUE_LIMIT(-7, 409, false),
  QUEUE_BUSY(-8, 409, false),
  PAYLOAD_TOO_LARGE(0, 413, false),
  REDIS_UNAVAILABLE(0, 503, true),
  NOT_DURABLE(0, 503, true),
  SCRIPT_FAILURE(0, 500, false);

  private final int scriptStatus;
  private final int httpStatus;
  private final boolean retryable;

  ErrorCode(int scriptStatus, int httpStatus, boolean retryable) {
    this.scriptStatus = scriptStatus;
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  /** The negative status a Lua script returns for this error, or 0 when scripts never return it. */
  public int scriptStatus() {
    return scriptStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public boolean retryable() {
    return retryable;
  }
}
