package io.vigil.dispatcher;

import io.vigil.core.keys.Names;

/**
 * Builds the Redis keys of the cron dispatcher; no schedule key is concatenated anywhere else.
 * They span queues, so they carry no hash tag (like {@code <prefix>:queues}), and never contain
 * {@code {}} so they cannot meet a queue's keys.
 */
public record ScheduleKeys(String prefix) {
  public ScheduleKeys {
    Names.requireValidPrefix(prefix);
  }

  /** HASH schedule id -> schedule JSON (the API form). */
  public String schedules() {
    return prefix + ":schedules";
  }

  /** STRING the recorded reply of one durable schedule change, briefly (lua/includes/operation.lua). */
  public String operation(String operationId) {
    return prefix + ":schedules:op:" + operationId;
  }

  /** HASH schedule id -> epoch ms up to which every fire was enqueued or deliberately skipped; only grows. */
  public String handledUntil() {
    return prefix + ":schedules:handled-until";
  }
}
