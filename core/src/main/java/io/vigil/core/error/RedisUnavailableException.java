package io.vigil.core.error;

/** Redis could not be reached (or no master was writable) within the command timeout. */
public final class RedisUnavailableException extends VigilException {
  public RedisUnavailableException(String message, Throwable cause) {
    super(ErrorCode.REDIS_UNAVAILABLE, message, cause);
  }
}
