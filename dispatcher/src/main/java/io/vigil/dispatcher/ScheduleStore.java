package io.vigil.dispatcher;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.keys.IdGenerator;
import io.vigil.core.queue.JobCodec;
import io.vigil.core.redis.Broker;
import io.vigil.core.script.Script;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps schedules in Redis for the API and the dispatchers. put and delete are durable writes with an
 * operation id, so a call the broker sends again answers as the first did; a new schedule's watermark starts at
 * "now", a replaced one keeps its own, and watermarks only move forward (advanceSchedule.lua).
 */
public final class ScheduleStore {
  private static final Logger log = LoggerFactory.getLogger(ScheduleStore.class);
  private final Broker broker;
  private final ScheduleKeys keys;
  private final Clock clock;
  private final IdGenerator ids;
  /** Stored JSON -> parsed schedule: dispatchers read every schedule each tick, and parsing a cron is not free. */
  private final Map<String, Schedule> decoded = new ConcurrentHashMap<>();
  /** Stored entries that do not parse, logged once rather than on every tick. */
  private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

  public ScheduleStore(Broker broker, String prefix, Clock clock) {
    this.broker = broker;
    this.keys = new ScheduleKeys(prefix);
    this.clock = clock;
    this.ids = new IdGenerator(clock);
  }

  /** Creates or replaces a schedule; true when it is new. Refuses a cron that never fires again. */
  public Future<Boolean> put(Schedule schedule) {
    long now = clock.millis();
    if (schedule.times().nextAfter(Instant.ofEpochMilli(now)).isEmpty()) {
      return Future.failedFuture(new InvalidRequestException("cron '" + schedule.cron() + "' never fires after now"));
    }
    return broker.evalDurable(Script.PUT_SCHEDULE, scheduleKeys(),
            List.of(schedule.id(), schedule.toJson().encode(), Long.toString(now)))
        .map(reply -> reply.toLong() == 1);
  }

  public Future<Optional<Schedule>> get(String id) {
    return validId(id).compose(valid -> broker.send(Request.cmd(Command.HGET).arg(keys.schedules()).arg(id)))
        .map(reply -> reply == null ? Optional.empty() : Optional.of(Schedule.decode(id, reply.toString())));
  }

  /** Removes a schedule and its state; true when it existed. Fires already enqueued stay. */
  public Future<Boolean> delete(String id) {
    return validId(id).compose(valid -> broker.evalDurable(Script.DELETE_SCHEDULE, scheduleKeys(), List.of(id)))
        .map(reply -> reply.toLong() == 1);
  }

  /** Every schedule, sorted by id. */
  public Future<List<Schedule>> list() {
    return broker.send(Request.cmd(Command.HGETALL).arg(keys.schedules()))
        .map(reply -> decodeAll(JobCodec.fields(reply)));
  }

  public List<Instant> nextFires(Schedule schedule, int count) {
    return schedule.times().next(clock.instant(), count);
  }

  public Future<List<ScheduleSnapshot>> snapshot() {
    return broker.batch(List.of(
            Request.cmd(Command.HGETALL).arg(keys.schedules()),
            Request.cmd(Command.HGETALL).arg(keys.handledUntil())))
        .map(replies -> {
          Map<String, String> watermarks = JobCodec.fields(replies.get(1));
          return decodeAll(JobCodec.fields(replies.get(0))).stream().map(schedule -> new ScheduleSnapshot(schedule,
              Long.parseLong(watermarks.getOrDefault(schedule.id(), "-1")))).toList();
        });
  }

  /**
   * Moves a schedule's watermark forward (never back), answering once replicas confirmed it, like a
   * submission: an advance a failover took back would have every fire since planned again. Answers 1 when
   * it moved, 0 when it was already there, -1 when the schedule was deleted meanwhile.
   */
  public Future<Long> advance(String id, long handledUntilMs) {
    return broker.evalDurable(Script.ADVANCE_SCHEDULE, List.of(keys.schedules(), keys.handledUntil()),
        List.of(id, Long.toString(handledUntilMs))).map(Response::toLong);
  }

  /** Fails (rather than throws) on an invalid id. */
  private static Future<String> validId(String id) {
    return Future.future(p -> p.complete(Schedule.requireValidId(id)));
  }

  private List<String> scheduleKeys() {
    return List.of(keys.schedules(), keys.handledUntil(), keys.operation(ids.operationId()));
  }

  /** Skips (and logs) an entry that no longer parses, so one bad record cannot stop every schedule. */
  private List<Schedule> decodeAll(Map<String, String> stored) {
    List<Schedule> out = new ArrayList<>(stored.size());
    Set<String> seen = new HashSet<>();
    stored.forEach((id, json) -> {
      String cacheKey = id + "\n" + json;
      seen.add(cacheKey);
      try {
        out.add(decoded.computeIfAbsent(cacheKey, key -> Schedule.decode(id, json)));
      } catch (RuntimeException e) {
        if (unreadable.add(cacheKey)) {
          log.warn("stored schedule unreadable, skipped scheduleId={} error={}", id, e.getMessage());
        }
      }
    });
    decoded.keySet().retainAll(seen);
    unreadable.retainAll(seen);
    out.sort(Comparator.comparing(Schedule::id));
    return out;
  }
}
