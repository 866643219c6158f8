package io.vigil.resp;

/**
 * An error reply from Redis or Sentinel, thrown so that a caller never mistakes a refusal for data;
 * {@link #code()} is its first word (ERR, NOAUTH, WRONGPASS, NOGOODSLAVE, LOADING, ...).
 */
public final class RespError extends RuntimeException {

  public RespError(String message) {
    super(message);
  }

  public String code() {
    String message = getMessage();
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
