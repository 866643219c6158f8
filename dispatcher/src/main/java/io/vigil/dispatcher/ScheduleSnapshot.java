package io.vigil.dispatcher;

/**
 * A stored schedule with its watermark, as the dispatcher reads them in one round trip.
 *
 * @param handledUntilMs every fire up to this epoch ms is handled; -1 when no watermark is stored yet
 */
public record ScheduleSnapshot(Schedule schedule, long handledUntilMs) {}
