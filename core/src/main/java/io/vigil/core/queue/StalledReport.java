package io.vigil.core.queue;

/** What one stalled check did; {@code ran} is false when another worker checked within the interval. */
public record StalledReport(boolean ran, int requeued, int failed) {}
