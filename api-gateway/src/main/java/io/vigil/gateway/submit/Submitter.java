package io.vigil.gateway.submit;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Submitted;
import io.vigil.core.queue.Engine;
import io.vigil.gateway.metrics.GatewayMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Submits jobs for REST and the event bus alike. A created job is answered from what was submitted, so a
 * successful write never becomes an error through a follow-up read; an existing job is read back; one accepted and
 * removed since (its id stays reserved) is answered 200 with what is known of it.
 */
public record Submitter(Engine engine, GatewayMetrics metrics) {
  private static final Set<String> FIELDS = Set.of("name", "data", "jobId", "options");

  public Future<SubmitResult> submit(String queue, JsonObject body) {
    NewJob job;
    try {
      job = parse(body);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    long now = engine.clock().millis();
    return engine.enqueuer().enqueue(queue, job).compose(submitted -> {
      metrics.submitted(queue, submitted.created(), 1);
      if (submitted.created()) {
        return Future.succeededFuture(new SubmitResult(201, asSubmitted(queue, job, submitted, now).toJson()));
      }
      if (submitted.gone()) {
        return Future.succeededFuture(new SubmitResult(200, asGone(queue, job, submitted, now)));
      }
      // Removed between the enqueue and this read (e.g. completed with removeOnComplete): still a success.
      return engine.admin().getJob(queue, submitted.id()).map(existing -> new SubmitResult(200, existing.toJson()))
          .recover(e -> e instanceof JobNotFoundException
              ? Future.succeededFuture(new SubmitResult(200, asGone(queue, job, submitted, now)))
              : Future.failedFuture(e));
    });
  }

  /** Answers {@code {"jobs":[{"id","created"}...]}}, 201 when any job was created, else 200. */
  public Future<SubmitResult> submitBulk(String queue, JsonArray bodies) {
    List<NewJob> jobs = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      Object body = bodies.getValue(i);
      try {
        jobs.add(parse(body instanceof JsonObject json ? json : null));
      } catch (InvalidRequestException e) {
        return Future.failedFuture(new InvalidRequestException("jobs[" + i + "]: " + e.getMessage()));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return engine.enqueuer().enqueueBulk(queue, jobs).map(results -> {
      JsonArray out = new JsonArray();
      int created = 0;
      for (Submitted s : results) {
        out.add(new JsonObject().put("id", s.id()).put("created", s.created()));
        created += s.created() ? 1 : 0;
      }
      metrics.submitted(queue, true, created);
      metrics.submitted(queue, false, results.size() - created);
      return new SubmitResult(created > 0 ? 201 : 200, new JsonObject().put("jobs", out));
    });
  }

  /**
   * A submission body {@code {"name", "data", "jobId"?, "options"?}} as a {@link NewJob}, held to the rules of
   * the contract's NewJob schema whichever way it came.
   */
  private static NewJob parse(JsonObject body) {
    if (body == null) {
      throw new InvalidRequestException("the body must be a JSON object {name, data, jobId?, options?}");
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidRequestException(field + " is not a known field; known: " + FIELDS);
      }
    }
    Object name = body.getValue("name");
    if (!(name instanceof String nameText)) {
      throw new InvalidRequestException("name must be a string");
    }
    // Present means typed: an explicit null is refused, as the contract's schema refuses it.
    Object jobId = body.getValue("jobId");
    if (body.containsKey("jobId") && !(jobId instanceof String)) {
      throw new InvalidRequestException("jobId must be a string");
    }
    Object options = body.getValue("options");
    if (body.containsKey("options") && !(options instanceof JsonObject)) {
      throw new InvalidRequestException("options must be an object");
    }
    return new NewJob((String) jobId, nameText, Json.encode(body.getValue("data")),
        JobOptions.fromJson((JsonObject) options));
  }

  /** What is known of a job that was accepted and is gone: what was submitted, and state {@code removed}. */
  private static JsonObject asGone(String queue, NewJob job, Submitted submitted, long now) {
    JsonObject known = asSubmitted(queue, job, submitted, now).toJson().put("state", "removed");
    known.remove("createdAt");
    return known;
  }

  private static Job asSubmitted(String queue, NewJob job, Submitted submitted, long now) {
    JobState state = job.options().delayMs() > 0 ? JobState.DELAYED : JobState.WAITING;
    return new Job(submitted.id(), queue, job.name(), job.dataJson(), job.options(), state, job.options().priority(),
        0, 0, 0, null, null, null, List.of(), null, now, null, null);
  }
}
