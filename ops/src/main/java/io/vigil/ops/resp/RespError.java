package io.vigil.ops.resp;

/** An error reply from Redis or Sentinel; {@link #code()} is its first word (ERR, NOAUTH, NOPERM, ...). */
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
