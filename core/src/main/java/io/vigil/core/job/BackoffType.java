package io.vigil.core.job;

/** How the delay before a retry grows with the attempts made. */
public enum BackoffType {
  EXPONENTIAL, FIXED
}
