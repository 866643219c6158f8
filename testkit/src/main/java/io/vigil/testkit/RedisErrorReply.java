package io.vigil.testkit;

/**
 * An error reply ({@code -ERR ...}) from Redis or Sentinel, thrown so that a test never mistakes a refusal
 * for data. Inside an array reply (for example EXEC results) it is returned as an element instead.
 */
public final class RedisErrorReply extends RuntimeException {

  public RedisErrorReply(String message) {
    super(message);
  }

  /** The first word of the error, for example {@code NOAUTH}, {@code WRONGPASS}, {@code NOGOODSLAVE}. */
  public String code() {
    String message = getMessage();
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
