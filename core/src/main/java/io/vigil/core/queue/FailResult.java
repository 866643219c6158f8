package io.vigil.core.queue;

/** Outcome of a fail call, and the next job when one was asked for in the same round trip (else null). */
public record FailResult(FailOutcome outcome, FetchOutcome next) {}
