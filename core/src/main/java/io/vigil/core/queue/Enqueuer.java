package io.vigil.core.queue;

import io.vertx.core.Future;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.error.NotDurableException;
import io.vigil.core.error.PayloadTooLargeException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.job.Submitted;
import io.vigil.core.keys.IdGenerator;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import io.vigil.core.script.ScriptStatus;
import java.nio.charset.StandardCharsets;
import io.vigil.core.script.ScriptTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Submits jobs.
 * 1. Validates payload size and mints missing ids in Java, so a retried call is idempotent.
 * 2. Sends one durable enqueue script per bulk, with an operation id so a re-sent call answers as the first
 *    did; accepted ids stay reserved (VIGIL_ID_RESERVATION_HOURS), so a late retry creates nothing.
 * 3. Refusals (queue not declared, too many queues, queue full, memory watermark) become typed errors and write nothing; an unconfirmed write
 *    (NotDurableException) names the job ids, minted ones included, for the caller's retry.
 */
public final class Enqueuer {
  public static final int MAX_BULK = 1000;
  private static final int PER_JOB_ARGS = 11;
  private final Broker broker;
  private final EngineSettings settings;
  private final ScriptTime time;
  private final IdGenerator ids;
  private final QueueKeyCache keys;

  public Enqueuer(Broker broker, EngineSettings settings, ScriptTime time, IdGenerator ids, QueueKeyCache keys) {
    this.broker = broker;
    this.settings = settings;
    this.time = time;
    this.ids = ids;
    this.keys = keys;
  }

  public Future<Submitted> enqueue(String queue, NewJob job) {
    return enqueueBulk(queue, List.of(job)).map(list -> list.get(0));
  }

  /** All jobs are created, or (queue full, memory watermark, invalid input) none is. */
  public Future<List<Submitted>> enqueueBulk(String queue, List<NewJob> jobs) {
    return enqueueBulk(queue, jobs, 0);
  }

  /**
   * Each created id also leaves a marker for {@code markerMs}, and an id whose marker is still there is not
   * created again even when its job was removed: one job per cron fire.
   */
  public Future<List<Submitted>> enqueueOnce(String queue, List<NewJob> jobs, long markerMs) {
    if (markerMs <= 0) {
      return Future.failedFuture(new InvalidRequestException("a once-marker lasts at least 1 ms, got " + markerMs));
    }
    return enqueueBulk(queue, jobs, markerMs);
  }

  private Future<List<Submitted>> enqueueBulk(String queue, List<NewJob> jobs, long markerMs) {
    List<String> jobIds = new ArrayList<>(jobs.size());
    List<String> args = new ArrayList<>(10 + jobs.size() * PER_JOB_ARGS);
    List<String> scriptKeys;
    try {
      QueueKeys queueKeys = keys.of(queue);
      if (jobs.isEmpty() || jobs.size() > MAX_BULK) {
        throw new InvalidRequestException("a bulk holds 1 to " + MAX_BULK + " jobs, got " + jobs.size());
      }
      args.add(queueKeys.jobPrefix());
      args.add(time.arg());
      args.add(Integer.toString(settings.maxJobsPerQueue()));
      args.add(Double.toString(settings.memoryWatermark()));
      args.add(Integer.toString(settings.maxEvents()));
      args.add(queue);
      args.add(Integer.toString(jobs.size()));
      // A bulk usually shares one options object: encode it once, not once per job.
      java.util.Map<JobOptions, String> encoded = new java.util.IdentityHashMap<>();
      for (NewJob job : jobs) {
        String id = job.id() != null ? job.id() : ids.jobId();
        jobIds.add(id);
        appendJob(args, id, job, encoded.computeIfAbsent(job.options(), Enqueuer::encodeOptions));
      }
      args.add(markerMs > 0 ? queueKeys.oncePrefix() : "");
      args.add(Long.toString(markerMs));
      args.add(Long.toString(settings.idReservationMs()));
      args.add(settings.queues().declaredOnly() ? "1" : "0");
      args.add(Integer.toString(settings.queues().maxQueues()));
      scriptKeys = new ArrayList<>(queueKeys.scriptKeys(ids.operationId()));
      scriptKeys.add(queueKeys.reservedIds());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return broker.evalDurable(Script.ENQUEUE, scriptKeys, args).recover(e -> Future.failedFuture(
        e instanceof NotDurableException nd ? new NotDurableException(nd.getMessage(), jobIds) : e)).compose(reply -> {
      long status = reply.get(0).toLong();
      if (status < 0) {
        return Future.failedFuture(ScriptStatus.toException(status, queue));
      }
      List<Submitted> out = new ArrayList<>(jobIds.size());
      for (int i = 0; i < jobIds.size(); i++) {
        long flag = reply.get(i + 1).toLong();
        out.add(new Submitted(jobIds.get(i), flag == 1, flag == 2));
      }
      return Future.succeededFuture(out);
    });
  }

  private static String encodeOptions(JobOptions options) {
    io.vertx.core.json.JsonObject json = options.toJson();
    return json.isEmpty() ? "" : json.encode();
  }

  private void appendJob(List<String> args, String id, NewJob job, String optionsJson) {
    int size = job.dataJson().getBytes(StandardCharsets.UTF_8).length;
    if (size > settings.maxPayloadBytes()) {
      throw new PayloadTooLargeException("job data is " + size + " bytes; the cap is " + settings.maxPayloadBytes());
    }
    JobOptions o = job.options();
    args.add(id);
    args.add(job.name());
    args.add(job.dataJson());
    args.add(optionsJson);
    args.add(Integer.toString(o.priority()));
    args.add(Long.toString(o.delayMs()));
    args.add(o.attempts() == null ? "" : o.attempts().toString());
    addRetention(args, o.removeOnComplete());
    addRetention(args, o.removeOnFail());
  }

  private static void addRetention(List<String> args, Retention retention) {
    if (retention == null) {
      args.add("");
      args.add("");
    } else {
      args.add(Integer.toString(retention.count()));
      args.add(Long.toString(retention.maxAgeMs()));
    }
  }
}
