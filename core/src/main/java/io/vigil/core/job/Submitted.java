package io.vigil.core.job;

/** Outcome of one submission: the job's id, and whether this call created it (false: it already existed). */
public record Submitted(String id, boolean created) {}
