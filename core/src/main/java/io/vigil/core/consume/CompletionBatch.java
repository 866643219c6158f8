package io.vigil.core.consume;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.core.queue.Completion;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.queue.Lease;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor's completions, sent as one script call per group: the first goes at once, and the jobs that
 * finish while a call is in flight go together in the next, which leases their next jobs too. Under load one
 * round trip (and one durable confirmation) carries many jobs; alone, a job waits for nothing.
 * A call whose reply was lost is repeated with the same lease tokens ({@link UntilAnswered}); every entry is
 * safe to repeat. Runs on the processor's context.
 */
final class CompletionBatch {
  private record Pending(Completion completion, Promise<FetchOutcome> promise) {
  }

  private static final Logger log = LoggerFactory.getLogger(CompletionBatch.class);
  private final Engine engine;
  private final ProcessorSettings settings;
  private final UntilAnswered untilAnswered;
  private final Context context;
  private List<Pending> waiting = new ArrayList<>();
  private boolean inFlight;

  CompletionBatch(Engine engine, ProcessorSettings settings, UntilAnswered untilAnswered, Context context) {
    this.engine = engine;
    this.settings = settings;
    this.untilAnswered = untilAnswered;
    this.context = context;
  }

  /** The job's next job (or null), or why its completion was refused. */
  Future<FetchOutcome> complete(Lease lease, String resultJson, String nextToken) {
    Promise<FetchOutcome> promise = Promise.promise();
    waiting.add(new Pending(new Completion(lease, resultJson, nextToken), promise));
    if (!inFlight) {
      send();
    }
    return promise.future();
  }

  private void send() {
    List<Pending> group = waiting;
    waiting = new ArrayList<>();
    inFlight = true;
    List<Completion> completions = group.stream().map(Pending::completion).toList();
    long deadline = engine.clock().millis() + engine.settings().leaseMs();
    untilAnswered.run(() -> call(completions), deadline)
        .onComplete(ar -> onContext(() -> {
          inFlight = false;
          for (int i = 0; i < group.size(); i++) {
            Promise<FetchOutcome> promise = group.get(i).promise();
            if (ar.succeeded()) {
              ar.result().get(i).onComplete(promise);
            } else {
              promise.fail(ar.cause());
            }
          }
          if (!waiting.isEmpty() && !inFlight) {
            send();
          }
        }));
  }

  /**
   * The call as a future even when building or sending it throws: a throw escaping here would leave this batch
   * in flight for good, and every later completion of the processor waiting behind it.
   */
  private Future<List<Future<FetchOutcome>>> call(List<Completion> completions) {
    try {
      return engine.transitions().completeBatch(settings.queue(), settings.workerId(), completions);
    } catch (RuntimeException e) {
      log.warn("completion batch could not be sent queue={} workerId={} jobs={}", settings.queue(), settings.workerId(),
          completions.size(), e);
      return Future.failedFuture(e);
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
