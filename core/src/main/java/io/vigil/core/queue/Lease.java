package io.vigil.core.queue;

import io.vigil.core.job.Job;

/**
 * A job handed to a worker. The token is the fencing token: complete, fail, extend and progress
 * are refused once another holder got the job, and handlers may pass it on to fence their own side effects.
 */
public record Lease(Job job, String token, long expiresAt) {
  public String queue() {
    return job.queue();
  }

  public String jobId() {
    return job.id();
  }
}
