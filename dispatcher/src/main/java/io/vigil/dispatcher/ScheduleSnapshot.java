package io.vigil.dispatcher;

/** A stored schedule with its watermark ({@code handledUntilMs}, -1 when none is stored yet). */
public record ScheduleSnapshot(Schedule schedule, long handledUntilMs) {}
