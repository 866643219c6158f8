package io.vigil.core.error;

/** The job does not exist (never created, removed, or trimmed by retention). */
public final class JobNotFoundException extends VigilException {
  public JobNotFoundException(String message) {
    super(ErrorCode.JOB_NOT_FOUND, message);
  }
}
