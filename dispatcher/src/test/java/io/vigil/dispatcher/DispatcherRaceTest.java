package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class DispatcherRaceTest {
  private static final String PREFIX = "race";
  private static final long RUN_MS = 3_200;

  /** Ticks one dispatcher, as its own host would, until the run ends; returns {ticks, enqueued, created}. */
  private static int[] tickUntil(CronDispatcher dispatcher, long endMillis) throws InterruptedException {
    int[] totals = new int[3];
    while (System.currentTimeMillis() < endMillis) {
      TickReport report = dispatcher.tick().await();
      totals[0]++;
      totals[1] += report.enqueued();
      totals[2] += report.created();
      // Jitter between ticks is the race under test, not a wait for a state.
      Thread.sleep(ThreadLocalRandom.current().nextLong(20, 60));
    }
    return totals;
  }

  @Test
  void cronFireIsEnqueuedOnceAcrossThreeDispatchers(Vertx vertx, RedisNode redis) throws Exception {
    redis.flushAll();
    Clock clock = Clock.systemUTC();
    List<CronDispatcher> dispatchers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // Each dispatcher has its own connections, as on its own host.
      Broker broker = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
      Engine engine = Engine.create(broker, EngineSettings.defaults(PREFIX), clock, false);
      dispatchers.add(new CronDispatcher(new ScheduleStore(broker, PREFIX, clock), engine.enqueuer(), clock,
          DispatcherSettings.defaults()));
    }
    Broker admin = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
    new ScheduleStore(admin, PREFIX, clock).put(Schedule.fromJson("every-second", new JsonObject()
        .put("cron", "* * * * * ?").put("queue", "q").put("name", "tick"))).await();
    long startWatermark = Long.parseLong(redis.command("HGET", PREFIX + ":schedules:handled-until", "every-second").toString());

    ExecutorService hosts = Executors.newFixedThreadPool(3);
    long end = System.currentTimeMillis() + RUN_MS;
    List<Future<int[]>> runs = new ArrayList<>();
    for (CronDispatcher dispatcher : dispatchers) {
      runs.add(hosts.submit(() -> tickUntil(dispatcher, end)));
    }
    int ticks = 0;
    int enqueued = 0;
    int created = 0;
    for (Future<int[]> run : runs) {
      int[] totals = run.get(RUN_MS + 5_000, TimeUnit.MILLISECONDS);
      ticks += totals[0];
      enqueued += totals[1];
      created += totals[2];
    }
    hosts.shutdown();
    long endWatermark = Long.parseLong(redis.command("HGET", PREFIX + ":schedules:handled-until", "every-second").toString());

    List<Long> expectedFires = new ArrayList<>();
    for (long fire = (startWatermark / 1000 + 1) * 1000; fire <= endWatermark; fire += 1000) {
      expectedFires.add(fire);
    }
    @SuppressWarnings("unchecked")
    List<Object> waiting = (List<Object>) redis.command("ZRANGE", PREFIX + ":{q}:waiting", "0", "-1");
    List<String> jobIds = waiting.stream().map(String::valueOf).sorted().toList();
    @SuppressWarnings("unchecked")
    long jobHashes = ((List<Object>) redis.command("KEYS", PREFIX + ":{q}:job:*")).stream()
        .map(String::valueOf).filter(key -> !key.endsWith(":data")).count();
    System.out.printf("dispatchers=3 ticks=%d fires=%d enqueued=%d created=%d duplicates_suppressed=%d%n",
        ticks, expectedFires.size(), enqueued, created, enqueued - created);

    assertThat(expectedFires).hasSizeGreaterThanOrEqualTo(2);
    assertThat(jobIds).containsExactlyElementsOf(expectedFires.stream()
        .map(fire -> Schedule.jobId("every-second", fire)).sorted().toList());
    assertThat(jobHashes).isEqualTo(expectedFires.size());
    assertThat(created).isEqualTo(expectedFires.size());
    assertThat(enqueued).isGreaterThanOrEqualTo(created);
  }
}
