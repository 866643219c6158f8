package io.vigil.core.job;

/**
 * Outcome of one submission: whether this call created the job (false: it already existed), and whether
 * the id belongs to a job accepted earlier and gone since: the id stays reserved, nothing was created.
 */
public record Submitted(String id, boolean created, boolean gone) {
}
