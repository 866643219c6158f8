package io.vigil.core.job;

import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.keys.Names;

/** A job to submit; {@code id} is the caller's for idempotent submission, or null to have one minted. */
public record NewJob(String id, String name, String dataJson, JobOptions options) {
  public NewJob {
    if (id != null) {
      Names.requireValidJobId(id);
    }
    if (name == null || name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("name is required: 1 to 128 characters, no control characters");
    }
    if (dataJson == null) {
      dataJson = "null";
    }
    if (options == null) {
      options = JobOptions.DEFAULTS;
    }
  }

  public static NewJob of(String name, String dataJson) {
    return new NewJob(null, name, dataJson, JobOptions.DEFAULTS);
  }

  public NewJob withId(String newId) {
    return new NewJob(newId, name, dataJson, options);
  }

  public NewJob withOptions(JobOptions newOptions) {
    return new NewJob(id, name, dataJson, newOptions);
  }
}
