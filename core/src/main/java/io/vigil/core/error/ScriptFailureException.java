package io.vigil.core.error;

/** A script returned something the engine does not understand: a bug, never a user error. */
public final class ScriptFailureException extends VigilException {
  public ScriptFailureException(String message) {
    super(ErrorCode.SCRIPT_FAILURE, message);
  }
}
