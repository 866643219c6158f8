package io.vigil.core.job;

import java.util.Locale;

/** Where a job is; each state has exactly one Redis structure holding the job's id. */
public enum JobState {
  WAITING, DELAYED, ACTIVE, COMPLETED, FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobState fromWire(String value) {
    for (JobState state : values()) {
      if (state.wireName().equals(value)) {
        return state;
      }
    }
    throw new io.vigil.core.error.InvalidRequestException("state must be one of waiting, delayed, active, completed, failed; got '" + value + "'");
  }
}
