package io.vigil.dispatcher;

import io.vertx.core.Future;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Submitted;
import io.vigil.core.queue.Enqueuer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due cron fires into jobs; any number of dispatchers may tick at once, on any hosts. Fires are enqueued
 * in one bulk with ids {@code cron-<scheduleId>-<fireMillis>}, each leaving a once-marker for
 * {@link #FIRE_MARKER_MS} past the misfire threshold, so racing or stale dispatchers yield one job per fire; only
 * then does the watermark move forward, durably, so a crash in between repeats the enqueue (a no-op) rather than
 * losing the fire. Parsed crons and next fires are cached, so an idle schedule costs a map lookup per tick.
 */
public final class CronDispatcher {
  /**
   * How long a fire's marker outlives the misfire threshold. A fire is planned again only from a watermark
   * whose advance was lost or not yet seen, which lasts until one dispatcher tick succeeds; a day covers any
   * outage the dispatchers are expected to ride out, at about 100 bytes of Redis per fire.
   */
  public static final long FIRE_MARKER_MS = 24L * 3600 * 1000;
  private static final Logger log = LoggerFactory.getLogger(CronDispatcher.class);
  private final ScheduleStore store;
  private final Enqueuer enqueuer;
  private final Clock clock;
  private final FirePlanner planner;
  private final long markerMs;
  private final Map<String, CronTimes> parsed = new ConcurrentHashMap<>();
  private final Map<String, NextFire> nextFires = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  public CronDispatcher(ScheduleStore store, Enqueuer enqueuer, Clock clock, DispatcherSettings settings) {
    this.store = store;
    this.enqueuer = enqueuer;
    this.clock = clock;
    this.planner = new FirePlanner(settings.misfireThresholdMs(), settings.maxCatchUp());
    this.markerMs = settings.misfireThresholdMs() + FIRE_MARKER_MS;
  }

  /** One pass over every schedule; fails only when the schedules cannot be read at all. */
  public Future<TickReport> tick() {
    return store.snapshot().compose(snapshots -> {
      long now = clock.millis();
      forgetRemoved(snapshots);
      List<Future<TickReport>> outcomes = new ArrayList<>(snapshots.size());
      for (ScheduleSnapshot snapshot : snapshots) {
        String id = snapshot.schedule().id();
        outcomes.add(Future.<Void>succeededFuture().compose(v -> dispatch(snapshot, now))
            .onSuccess(report -> {
              if (failing.remove(id)) {
                log.info("schedule dispatched again scheduleId={}", id);
              }
            })
            .otherwise(error -> {
              // Logged when the failure starts, not on every tick it lasts.
              if (failing.add(id)) {
                log.warn("schedule not dispatched, retrying every tick scheduleId={} queue={} error={}", id,
                    snapshot.schedule().queue(), error.toString());
              }
              return new TickReport(1, 0, 0, 0, 1);
            }));
      }
      return Future.all(outcomes).map(all -> outcomes.stream().map(Future::result)
          .reduce(TickReport.EMPTY, TickReport::plus));
    });
  }

  private Future<TickReport> dispatch(ScheduleSnapshot snapshot, long now) {
    Schedule schedule = snapshot.schedule();
    if (snapshot.handledUntilMs() < 0) {
      // A schedule stored without a watermark (its put was cut short) starts from now.
      return store.advance(schedule.id(), now).map(moved -> new TickReport(1, 0, 0, 0, 0));
    }
    CronTimes times = parsed.computeIfAbsent(cronKey(schedule), key -> schedule.times());
    if (nextFire(schedule, times, snapshot.handledUntilMs()) > now) {
      return Future.succeededFuture(new TickReport(1, 0, 0, 0, 0));
    }
    FirePlan plan = planner.plan(times, schedule.misfire(), snapshot.handledUntilMs(), now);
    List<NewJob> jobs = plan.fires().stream().map(schedule::jobFor).toList();
    Future<List<Submitted>> submitted = jobs.isEmpty() ? Future.succeededFuture(List.of())
        : enqueuer.enqueueOnce(schedule.queue(), jobs, markerMs);
    return submitted.compose(results -> store.advance(schedule.id(), plan.handledUntil()).map(moved -> {
      int created = (int) results.stream().filter(Submitted::created).count();
      int misfires = moved == 1 ? plan.misfires() : 0;
      if (created > 0 || misfires > 0) {
        log.info("schedule fired scheduleId={} queue={} created={} misfires={} policy={}", schedule.id(),
            schedule.queue(), created, misfires, schedule.misfire().wireName());
      }
      return new TickReport(1, results.size(), created, misfires, 0);
    }));
  }

  /** The first fire after the watermark (Long.MAX_VALUE: none), computed once per cron, zone and watermark. */
  private long nextFire(Schedule schedule, CronTimes times, long handledUntilMs) {
    NextFire known = nextFires.get(schedule.id());
    if (known == null || !known.cronKey().equals(cronKey(schedule)) || known.handledUntilMs() != handledUntilMs) {
      long next = times.nextAfter(Instant.ofEpochMilli(handledUntilMs)).map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
      known = new NextFire(cronKey(schedule), handledUntilMs, next);
      nextFires.put(schedule.id(), known);
    }
    return known.atMs();
  }

  private void forgetRemoved(List<ScheduleSnapshot> snapshots) {
    Set<String> ids = snapshots.stream().map(s -> s.schedule().id()).collect(Collectors.toSet());
    Set<String> crons = snapshots.stream().map(s -> cronKey(s.schedule())).collect(Collectors.toSet());
    nextFires.keySet().retainAll(ids);
    failing.retainAll(ids);
    parsed.keySet().retainAll(crons);
  }

  private static String cronKey(Schedule schedule) {
    return schedule.timezone() + " " + schedule.cron();
  }

  private record NextFire(String cronKey, long handledUntilMs, long atMs) {}
}
