package io.vigil.ops.check;

/** The verdict of one check; a FAIL makes the command exit non-zero. */
public enum CheckStatus {
  PASS, WARN, FAIL
}
