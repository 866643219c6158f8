package io.vigil.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vigil.core.consume.JobContext;
import io.vigil.core.consume.JobFailure;
import io.vigil.core.consume.JobHandler;

/**
 * The built-in {@code echo} job, for drills and benchmarks: returns its data as the result.
 * 1. {@code sleepMs}: waits that long first (a timer, not a blocked thread); a cancel ends the wait at once.
 * 2. {@code failTimes}: the first N attempts fail (retryably), the next one succeeds.
 */
public final class EchoHandler implements JobHandler {
  public static final String NAME = "echo";

  @Override
  public Future<?> handle(JobContext context) {
    Object data;
    long sleepMs;
    long failTimes;
    try {
      data = Json.decodeValue(context.job().dataJson());
      JsonObject options = data instanceof JsonObject json ? json : new JsonObject();
      sleepMs = nonNegative(options, "sleepMs");
      failTimes = nonNegative(options, "failTimes");
    } catch (DecodeException | IllegalArgumentException e) {
      return Future.failedFuture(JobFailure.permanent("echo: " + e.getMessage()));
    }
    int attempt = context.job().attemptsMade() + 1;
    return sleep(context, sleepMs).compose(slept -> attempt <= failTimes
        ? Future.failedFuture(new IllegalStateException("echo: attempt " + attempt + " of the first " + failTimes + " fails on purpose"))
        : Future.succeededFuture(data));
  }

  private static Future<Void> sleep(JobContext context, long sleepMs) {
    if (sleepMs == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    long timer = context.vertx().setTimer(sleepMs, id -> done.tryComplete());
    context.cancelled().onSuccess(reason -> {
      context.vertx().cancelTimer(timer);
      done.tryFail(new IllegalStateException("echo: cancelled (" + reason + ")"));
    });
    return done.future();
  }

  private static long nonNegative(JsonObject options, String field) {
    Object value = options.getValue(field);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number number) || number.longValue() < 0 || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new IllegalArgumentException(field + " must be a non-negative integer");
    }
    return number.longValue();
  }
}
