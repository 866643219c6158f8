package io.vigil.report.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.redis.Broker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Keeps the last {@link #KEEP} reports of each project under the ids of the jobs that wrote them, so a new
 * report can say what changed and the API serves the latest after the job is gone. History orders job ids by their
 * first save (ZADD NX), so a retried attempt neither becomes its own "previous" nor pushes out the one its diff
 * needs; keys expire after the keep period.
 */
public record ReportStore(Broker broker, String prefix, Clock clock, long keepMs) {
  public static final int KEEP = 3;
  /** Entries read from history: more than KEEP, in case a trim after a save was lost. */
  private static final int SCAN = 10;

  /** The newest kept report, or null when the project has none. */
  public Future<JsonObject> latest(String projectId) {
    return keys(projectId).compose(keys ->
        history(keys).compose(entries -> first(keys, entries.stream().map(Entry::jobId).toList())));
  }

  /** The report that a report written by {@code jobId} is compared against, or null for a first report. */
  public Future<JsonObject> previousFor(String projectId, String jobId) {
    return keys(projectId).compose(keys -> history(keys).compose(entries -> {
      Entry own = entries.stream().filter(e -> e.jobId.equals(jobId)).findFirst().orElse(null);
      List<String> candidates = entries.stream()
          .filter(e -> !e.jobId.equals(jobId))
          .filter(e -> own == null || e.score < own.score || (e.score == own.score && e.jobId.compareTo(jobId) < 0))
          .map(Entry::jobId)
          .toList();
      return first(keys, candidates);
    }));
  }

  /** Stores the report written by {@code jobId}; safe to repeat (a retried attempt replaces its own entry). */
  public Future<Void> save(String projectId, String jobId, JsonObject report) {
    return keys(projectId).compose(keys -> write(keys, jobId, report));
  }

  private Future<Void> write(ReportKeys keys, String jobId, JsonObject report) {
    Request set = Request.cmd(Command.SET).arg(keys.report(jobId)).arg(report.encode());
    List<Request> writes = new ArrayList<>();
    writes.add(keepMs > 0 ? set.arg("PX").arg(keepMs) : set);
    writes.add(Request.cmd(Command.ZADD).arg(keys.history()).arg("NX").arg(clock.millis()).arg(jobId));
    if (keepMs > 0) {
      writes.add(Request.cmd(Command.PEXPIRE).arg(keys.history()).arg(keepMs));
    }
    return broker.batch(writes).compose(ignored -> trim(keys));
  }

  /** Fails (rather than throws) on an invalid project id. */
  private Future<ReportKeys> keys(String projectId) {
    return Future.future(p -> p.complete(new ReportKeys(prefix, projectId)));
  }

  private Future<Void> trim(ReportKeys keys) {
    return broker.send(Request.cmd(Command.ZRANGE).arg(keys.history()).arg(0).arg(-(KEEP + 1))).compose(old -> {
      if (old == null || old.size() == 0) {
        return Future.succeededFuture();
      }
      Request zrem = Request.cmd(Command.ZREM).arg(keys.history());
      Request del = Request.cmd(Command.DEL);
      for (Response id : old) {
        zrem.arg(id.toString());
        del.arg(keys.report(id.toString()));
      }
      return broker.batch(List.of(zrem, del)).mapEmpty();
    });
  }

  private Future<List<Entry>> history(ReportKeys keys) {
    return broker.send(Request.cmd(Command.ZRANGE).arg(keys.history()).arg(0).arg(SCAN - 1).arg("REV").arg("WITHSCORES"))
        .map(reply -> reply == null ? List.of() : IntStream.iterate(0, i -> i + 1 < reply.size(), i -> i + 2)
            .mapToObj(i -> new Entry(reply.get(i).toString(), reply.get(i + 1).toDouble())).toList());
  }

  /** The first of these jobs' reports that still exists, newest first. */
  private Future<JsonObject> first(ReportKeys keys, List<String> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(null);
    }
    Request mget = Request.cmd(Command.MGET);
    jobIds.forEach(id -> mget.arg(keys.report(id)));
    return broker.send(mget).map(reply -> reply.stream().filter(Objects::nonNull).findFirst()
        .map(report -> new JsonObject(report.toString())).orElse(null));
  }

  private record Entry(String jobId, double score) {}
}
