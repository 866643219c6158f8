package io.vigil.core.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.error.ScriptFailureException;
import io.vigil.core.job.Retention;
import io.vigil.core.keys.IdGenerator;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import io.vigil.core.script.ScriptStatus;
import io.vigil.core.script.ScriptTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker side of a job's life: fetch under a lease, heartbeat, progress, complete, fail, release.
 * Every call after fetch carries the lease token, which the scripts check. Lease expiry and due times
 * are kept in Redis time; the clock only places them on this JVM's time line for its own waits.
 */
public final class JobTransitions {
  private final Broker broker;
  private final EngineSettings settings;
  private final Clock clock;
  private final ScriptTime time;
  private final IdGenerator ids;
  private final QueueKeyCache keys;
  private final boolean durableFinish;

  public JobTransitions(Broker broker, EngineSettings settings, Clock clock, ScriptTime time, IdGenerator ids, QueueKeyCache keys,
                        boolean durableFinish) {
    this.broker = broker;
    this.settings = settings;
    this.clock = clock;
    this.time = time;
    this.ids = ids;
    this.keys = keys;
    this.durableFinish = durableFinish;
  }

  /** A fresh lease token, for callers that must be able to repeat a call whose reply was lost. */
  public String newLeaseToken() {
    return ids.leaseToken();
  }

  public Future<FetchOutcome> fetch(String queue, String workerId) {
    return fetch(queue, workerId, ids.leaseToken());
  }

  /**
   * Fetches under the given lease token. Repeating a call whose reply was lost with the same token hands
   * back the job that call leased (as long as its lease lasts) instead of leasing a second one.
   */
  public Future<FetchOutcome> fetch(String queue, String workerId, String token) {
    QueueKeys k = keys.of(queue);
    long now = clock.millis();
    List<String> args = List.of(k.jobPrefix(), time.arg(), token, Long.toString(settings.leaseMs()), workerId,
        Integer.toString(settings.maxEvents()), Integer.toString(settings.promoteBatch()), k.leasePrefix());
    return broker.eval(Script.FETCH, k.scriptKeys(), args).map(r -> decodeFetch(queue, token, now + settings.leaseMs(), r));
  }

  /** Extends leases; the result holds one status per lease: true when extended, false when lost. */
  public Future<List<Boolean>> extendLeases(String queue, List<Lease> leases) {
    QueueKeys k = keys.of(queue);
    List<String> args = new ArrayList<>(3 + leases.size() * 2);
    args.add(k.jobPrefix());
    args.add(time.arg());
    args.add(Long.toString(settings.leaseMs()));
    for (Lease lease : leases) {
      args.add(lease.jobId());
      args.add(lease.token());
    }
    return broker.eval(Script.EXTEND_LEASE, k.scriptKeys(), args).map(r -> {
      List<Boolean> out = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        out.add(r.get(i).toLong() == 1);
      }
      return out;
    });
  }

  public Future<Void> updateProgress(Lease lease, String progressJson) {
    QueueKeys k = keys.of(lease.queue());
    List<String> args = List.of(k.jobPrefix(), lease.jobId(), lease.token(), time.arg(),
        progressJson, Integer.toString(settings.maxEvents()));
    return broker.eval(Script.UPDATE_PROGRESS, k.scriptKeys(), args)
        .compose(r -> r.toLong() < 0 ? Future.failedFuture(ScriptStatus.toException(r.toLong(), lease.jobId())) : Future.succeededFuture());
  }

  /** Completes the job; with {@code fetchNextFor} set, the same round trip fetches that worker's next job. */
  public Future<FetchOutcome> complete(Lease lease, String resultJson, String fetchNextFor) {
    return complete(lease, resultJson, fetchNextFor, ids.leaseToken());
  }

  /** Like {@link #complete(Lease, String, String)}; a repeat with the same {@code nextToken} gets the same next job. */
  public Future<FetchOutcome> complete(Lease lease, String resultJson, String fetchNextFor, String nextToken) {
    QueueKeys k = keys.of(lease.queue());
    long now = clock.millis();
    List<String> args = List.of(k.jobPrefix(), lease.jobId(), lease.token(), time.arg(),
        resultJson == null ? "null" : resultJson, Integer.toString(settings.keepCompleted()),
        Long.toString(settings.retentionMs()), Integer.toString(settings.maxEvents()), fetchNextFor == null ? "0" : "1",
        nextToken, Long.toString(settings.leaseMs()), fetchNextFor == null ? "" : fetchNextFor,
        Integer.toString(settings.promoteBatch()), k.leasePrefix());
    return finishCall(Script.COMPLETE, k, args, lease)
        .map(r -> r.size() > 1 ? decodeFetch(lease.queue(), nextToken, now + settings.leaseMs(), r.get(1)) : null)
        .recover(e -> removedAtOnce(e, lease.job().options().removeOnComplete(), settings.keepCompleted())
            ? Future.succeededFuture(null) : Future.failedFuture(e));
  }

  /**
   * Completes several jobs of one worker in one script call (and one durable confirmation), each as
   * {@link #complete(Lease, String, String, String)} does, leasing the next job for each completion with a
   * next token. Answers one settled future per completion, in order: the next job (or null), or the typed
   * refusal (lease lost, not found) of that one job.
   */
  public Future<List<Future<FetchOutcome>>> completeBatch(String queue, String workerId, List<Completion> batch) {
    QueueKeys k = keys.of(queue);
    long now = clock.millis();
    List<String> args = new ArrayList<>(10 + 4 * batch.size());
    args.addAll(List.of(k.jobPrefix(), time.arg(), Integer.toString(settings.keepCompleted()),
        Long.toString(settings.retentionMs()), Integer.toString(settings.maxEvents()), Long.toString(settings.leaseMs()),
        workerId, Integer.toString(settings.promoteBatch()), k.leasePrefix(), Integer.toString(batch.size())));
    for (Completion c : batch) {
      args.add(c.lease().jobId());
      args.add(c.lease().token());
      args.add(c.resultJson() == null ? "null" : c.resultJson());
      args.add(c.nextToken() == null ? "" : c.nextToken());
    }
    Future<Response> call = durableFinish ? broker.evalDurable(Script.COMPLETE_BATCH, k.scriptKeys(), args)
        : broker.eval(Script.COMPLETE_BATCH, k.scriptKeys(), args);
    return call.map(r -> {
      List<Future<FetchOutcome>> out = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        Completion c = batch.get(i);
        Response one = r.get(i);
        long status = one.get(0).toLong();
        if (status >= 0) {
          out.add(Future.succeededFuture(one.size() > 1 ? decodeFetch(queue, c.nextToken(), now + settings.leaseMs(), one.get(1)) : null));
        } else {
          Throwable e = ScriptStatus.toException(status, c.lease().jobId());
          out.add(removedAtOnce(e, c.lease().job().options().removeOnComplete(), settings.keepCompleted())
              ? Future.succeededFuture(null) : Future.failedFuture(e));
        }
      }
      return out;
    });
  }

  /**
   * Records a failed attempt. {@code retryDelayMs} below 0 marks the error as not retryable; the
   * script decides between retry and failed from the attempts left.
   */
  public Future<FailResult> fail(Lease lease, String error, long retryDelayMs, String fetchNextFor) {
    return fail(lease, error, retryDelayMs, fetchNextFor, ids.leaseToken());
  }

  /** Like {@link #fail(Lease, String, long, String)}; a repeat with the same {@code nextToken} gets the same next job. */
  public Future<FailResult> fail(Lease lease, String error, long retryDelayMs, String fetchNextFor, String nextToken) {
    QueueKeys k = keys.of(lease.queue());
    long now = clock.millis();
    List<String> args = List.of(k.jobPrefix(), lease.jobId(), lease.token(), time.arg(),
        error == null ? "" : error, Long.toString(retryDelayMs), Integer.toString(settings.defaultAttempts()),
        Integer.toString(settings.keepFailed()), Long.toString(settings.retentionMs()),
        Integer.toString(settings.maxEvents()), Integer.toString(settings.errorsKept()),
        fetchNextFor == null ? "0" : "1", nextToken, Long.toString(settings.leaseMs()),
        fetchNextFor == null ? "" : fetchNextFor, Integer.toString(settings.promoteBatch()), k.leasePrefix());
    return finishCall(Script.FAIL, k, args, lease).map(r -> new FailResult(
        r.get(1).toLong() == 1 ? FailOutcome.RETRYING : FailOutcome.FAILED,
        r.size() > 2 ? decodeFetch(lease.queue(), nextToken, now + settings.leaseMs(), r.get(2)) : null))
        .recover(e -> removedAtOnce(e, lease.job().options().removeOnFail(), settings.keepFailed())
            ? Future.succeededFuture(new FailResult(FailOutcome.FAILED, null)) : Future.failedFuture(e));
  }

  /**
   * A finish whose first try was applied but whose reply was lost (connection cut, replicas slow) is
   * retried by the broker. The retry finds its own work done ({1}), or, when retention keeps none of
   * these jobs, finds no job at all: that is our own finish, not a lost lease. A job holding our lease
   * cannot be removed otherwise (remove refuses active jobs).
   */
  private static boolean removedAtOnce(Throwable e, Retention jobRetention, int keepDefault) {
    int keep = jobRetention != null ? jobRetention.count() : keepDefault;
    return e instanceof JobNotFoundException && keep == 0;
  }

  /** Hands an active job back to the front of waiting (graceful shutdown); no attempt is counted. */
  public Future<Void> release(Lease lease) {
    QueueKeys k = keys.of(lease.queue());
    List<String> args = List.of(k.jobPrefix(), lease.jobId(), lease.token(), time.arg(),
        Integer.toString(settings.maxEvents()), k.leasePrefix());
    return broker.eval(Script.RELEASE, k.scriptKeys(), args)
        .compose(r -> r.toLong() < 0 ? Future.failedFuture(ScriptStatus.toException(r.toLong(), lease.jobId())) : Future.succeededFuture());
  }

  private Future<Response> finishCall(Script script, QueueKeys k, List<String> args, Lease lease) {
    Future<Response> call = durableFinish ? broker.evalDurable(script, k.scriptKeys(), args) : broker.eval(script, k.scriptKeys(), args);
    return call.compose(r -> {
      long status = r.get(0).toLong();
      return status < 0 ? Future.failedFuture(ScriptStatus.toException(status, lease.jobId())) : Future.succeededFuture(r);
    });
  }

  /**
   * {@code expiresAt} is the lease's end on this JVM's clock, counted from before the call (so never later
   * than Redis's); an idle reply's due time comes as a wait from Redis's now and is placed on this clock too.
   */
  private FetchOutcome decodeFetch(String queue, String token, long expiresAt, Response r) {
    int code = r.get(0).toInteger();
    return switch (code) {
      case 1 -> {
        String id = r.get(1).toString();
        var job = JobCodec.decode(queue, id, r.get(2).toString(), JobCodec.fields(r.get(3)));
        yield new FetchOutcome.Fetched(new Lease(job, token, expiresAt));
      }
      case 0 -> {
        long dueInMs = (long) Double.parseDouble(r.get(1).toString());
        yield new FetchOutcome.Idle(dueInMs < 0 ? -1 : clock.millis() + dueInMs);
      }
      case 2 -> new FetchOutcome.Paused();
      case 3 -> new FetchOutcome.ConcurrencyLimited();
      case 4 -> new FetchOutcome.RateLimited(r.get(1).toLong());
      default -> throw new ScriptFailureException("unexpected fetch reply " + code);
    };
  }
}
