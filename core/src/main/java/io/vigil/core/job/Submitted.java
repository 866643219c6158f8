package io.vigil.core.job;

/**
 * Outcome of one submission: the job's id, whether this call created it (false: it already existed), and
 * whether the id belongs to a job accepted earlier and gone since (finished and removed, or deleted): the
 * id stays reserved, so nothing was created.
 */
public record Submitted(String id, boolean created, boolean gone) {
  public Submitted(String id, boolean created) {
    this(id, created, false);
  }
}
