package io.vigil.core.consume;

import io.vertx.core.Future;

/**
 * Runs one job. The returned value (JsonObject, JsonArray, String, Number, Boolean or null) becomes the
 * job's result; a failed future fails the attempt. Throw or fail with {@link JobFailure} to ask for a
 * given retry delay or to mark the error as not retryable.
 */
@FunctionalInterface
public interface JobHandler {
  Future<?> handle(JobContext context);
}
