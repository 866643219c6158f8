package io.vigil.core.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobState;
import io.vigil.core.keys.IdGenerator;
import io.vigil.core.keys.Names;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import io.vigil.core.script.ScriptStatus;
import io.vigil.core.script.ScriptTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Operator actions (one script each) and inspection (plain reads). With VIGIL_QUEUES_DECLARED, pause, resume
 * and limits refuse an undeclared queue (QueueUnknownException) instead of writing its keys. Remove, retry and promote carry an
 * operation id, so a call the broker sends again answers as the first did instead of acting twice.
 */
public final class QueueAdmin {
  public static final int MAX_PAGE = 500;
  private final Broker broker;
  private final EngineSettings settings;
  private final ScriptTime time;
  private final QueueKeyCache keys;
  private final IdGenerator ids;

  public QueueAdmin(Broker broker, EngineSettings settings, ScriptTime time, QueueKeyCache keys, IdGenerator ids) {
    this.broker = broker;
    this.settings = settings;
    this.time = time;
    this.keys = keys;
    this.ids = ids;
  }

  public Future<Void> pause(String queue) {
    return queueScript(Script.PAUSE, queue);
  }

  public Future<Void> resume(String queue) {
    return queueScript(Script.RESUME, queue);
  }

  public Future<Void> setLimits(String queue, QueueLimits limits) {
    QueueKeys k = keys.of(queue);
    List<String> args = List.of(str(limits.maxActive()), str(limits.rateMax()), str(limits.rateWindowMs()),
        declaredOnly(queue));
    return broker.evalDurable(Script.SET_LIMITS, k.scriptKeys(), args).compose(r -> checked(r, queue));
  }

  /** Removes a waiting, delayed or finished job; an active one is refused with WrongStateException. */
  public Future<Void> remove(String queue, String jobId) {
    return jobScript(Script.REMOVE, queue, jobId);
  }

  /** Moves a failed job back to waiting with fresh attempts. */
  public Future<Void> retry(String queue, String jobId) {
    return jobScript(Script.RETRY, queue, jobId);
  }

  /** Makes a delayed job waiting now. */
  public Future<Void> promote(String queue, String jobId) {
    return jobScript(Script.PROMOTE, queue, jobId);
  }

  public Future<Job> getJob(String queue, String jobId) {
    return keysOf(queue, jobId).compose(k -> fetchJobs(queue, k, List.of(jobId))).compose(jobs -> jobs.isEmpty()
        ? Future.failedFuture(new JobNotFoundException("job " + jobId + " not found in queue " + queue))
        : Future.succeededFuture(jobs.get(0)));
  }

  public Future<QueueInfo> info(String queue) {
    return keysOf(queue).compose(k -> broker.batch(List.of(
        Request.cmd(Command.ZCARD).arg(k.waiting()), Request.cmd(Command.ZCARD).arg(k.delayed()),
        Request.cmd(Command.ZCARD).arg(k.active()), Request.cmd(Command.ZCARD).arg(k.completed()),
        Request.cmd(Command.ZCARD).arg(k.failed()),
        Request.cmd(Command.HMGET).arg(k.meta()).arg("paused").arg("maxActive").arg("rateMax").arg("rateWindowMs").arg("staleResults")))).map(r -> {
      Map<JobState, Long> counts = new EnumMap<>(JobState.class);
      JobState[] order = {JobState.WAITING, JobState.DELAYED, JobState.ACTIVE, JobState.COMPLETED, JobState.FAILED};
      for (int i = 0; i < order.length; i++) {
        counts.put(order[i], r.get(i).toLong());
      }
      Response meta = r.get(5);
      QueueLimits limits = new QueueLimits(intOrNull(meta.get(1)), intOrNull(meta.get(2)),
          meta.get(3) == null ? null : meta.get(3).toLong());
      return new QueueInfo(queue, counts, meta.get(0) != null && "1".equals(meta.get(0).toString()), limits,
          meta.get(4) == null ? 0 : meta.get(4).toLong());
    });
  }

  /**
   * Lists jobs in one state: waiting in run order, delayed by due time, active by lease expiry,
   * finished newest first. The cursor is an opaque offset.
   */
  public Future<JobPage> list(String queue, JobState state, int limit, String cursor) {
    QueueKeys k;
    long offset;
    try {
      k = keys.of(queue);
      if (limit < 1 || limit > MAX_PAGE) {
        throw new InvalidRequestException("limit must be between 1 and " + MAX_PAGE);
      }
      offset = cursor == null || cursor.isEmpty() ? 0 : Long.parseLong(cursor);
      if (offset < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      return Future.failedFuture(new InvalidRequestException("cursor must be a value returned by a previous page"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    String set = switch (state) {
      case WAITING -> k.waiting();
      case DELAYED -> k.delayed();
      case ACTIVE -> k.active();
      case COMPLETED -> k.completed();
      case FAILED -> k.failed();
    };
    Request range = Request.cmd(Command.ZRANGE).arg(set).arg(offset).arg(offset + limit);
    if (state == JobState.COMPLETED || state == JobState.FAILED) {
      range.arg("REV");
    }
    return broker.send(range).compose(ids -> {
      List<String> pageIds = ids.stream().limit(limit).map(Response::toString).toList();
      String next = ids.size() > limit ? Long.toString(offset + limit) : null;
      return fetchJobs(queue, k, pageIds).map(jobs -> new JobPage(jobs, next));
    });
  }

  public Future<List<String>> listQueues() {
    return broker.send(Request.cmd(Command.SMEMBERS).arg(QueueKeys.queuesKey(settings.prefix())))
        .map(r -> r.stream().map(Response::toString).sorted().toList());
  }

  private Future<List<Job>> fetchJobs(String queue, QueueKeys k, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Request> requests = ids.stream().flatMap(id -> Stream.of(Request.cmd(Command.HGETALL).arg(k.job(id)),
        Request.cmd(Command.GET).arg(k.jobData(id)))).toList();
    return broker.batch(requests).map(replies -> {
      List<Job> jobs = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        Map<String, String> fields = JobCodec.fields(replies.get(2 * i));
        if (fields.containsKey("state")) {
          Response data = replies.get(2 * i + 1);
          jobs.add(JobCodec.decode(queue, ids.get(i), data == null ? "null" : data.toString(), fields));
        }
      }
      return jobs;
    });
  }

  private Future<Void> queueScript(Script script, String queue) {
    return keysOf(queue)
        .compose(k -> broker.evalDurable(script, k.scriptKeys(), List.of(time.arg(), Integer.toString(settings.maxEvents()),
            declaredOnly(queue))))
        .compose(r -> checked(r, queue));
  }

  private Future<Void> jobScript(Script script, String queue, String jobId) {
    return keysOf(queue, jobId)
        .compose(k -> broker.evalDurable(script, k.scriptKeys(ids.operationId()),
            List.of(k.jobPrefix(), jobId, time.arg(), Integer.toString(settings.maxEvents()))))
        .compose(r -> r.toLong() < 0 ? Future.failedFuture(ScriptStatus.toException(r.toLong(), jobId)) : Future.succeededFuture());
  }

  /** The queue's keys; an invalid name fails the future ({@code map} catches the check's exception). */
  private Future<QueueKeys> keysOf(String queue) {
    return Future.succeededFuture(queue).map(keys::of);
  }

  private Future<QueueKeys> keysOf(String queue, String jobId) {
    return keysOf(queue).map(k -> {
      Names.requireValidJobId(jobId);
      return k;
    });
  }

  /** The queue's name for scripts that refuse an undeclared queue in declared mode; '' lets them change any. */
  private String declaredOnly(String queue) {
    return settings.queues().declaredOnly() ? queue : "";
  }

  private static Future<Void> checked(Response r, String queue) {
    return r.toLong() < 0 ? Future.failedFuture(ScriptStatus.toException(r.toLong(), queue)) : Future.succeededFuture();
  }

  private static Integer intOrNull(Response r) {
    return r == null ? null : r.toInteger();
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }
}
