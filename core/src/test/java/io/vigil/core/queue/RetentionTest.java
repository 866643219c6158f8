package io.vigil.core.queue;

import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.support.EngineFixture;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class RetentionTest {

  @Test
  void retentionKeepsExactlyTheLastNCompletedJobsAndDeletesTheRest(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).retention(3, 2, 0).build());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(runToCompletion(f, JobOptions.DEFAULTS));
      f.clock.advance(1);
    }

    assertThat(f.zset("q", "completed")).containsExactlyElementsOf(ids.subList(3, 6));
    for (String removed : ids.subList(0, 3)) {
      assertThat(f.exists(f.key("q", "job:" + removed))).isFalse();
      assertThat(f.exists(f.key("q", "job:" + removed + ":data"))).isFalse();
    }
    // One key per job: its payload is a field of its hash.
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).hasSize(3);
  }

  @Test
  void retentionByAgeRemovesFinishedJobsOlderThanTheLimit(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).retention(-1, -1, 1_000).build());
    String old = runToCompletion(f, JobOptions.DEFAULTS);
    f.clock.advance(1_500);
    String fresh = runToCompletion(f, JobOptions.DEFAULTS);

    assertThat(f.zset("q", "completed")).containsExactly(fresh);
    assertThat(f.exists(f.key("q", "job:" + old))).isFalse();
  }

  @Test
  void removeOnCompleteTrueLeavesNoKeyBehind(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    runToCompletion(f, JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0)));

    assertThat(f.zset("q", "completed")).isEmpty();
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).isEmpty();
  }

  @Test
  void failedJobsAreTrimmedByTheirOwnCount(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = f.engine.enqueuer().enqueue("q", NewJob.of("echo", "1")
          .withOptions(JobOptions.fromJson(new JsonObject().put("removeOnFail", 2)))).await().id();
      ids.add(id);
      f.engine.transitions().fail(fetch(f, "q", "w"), "no", -1, null).await();
      f.clock.advance(1);
    }
    assertThat(f.zset("q", "failed")).containsExactlyElementsOf(ids.subList(2, 4));
  }

  @Test
  void redisMemoryStaysFlatUnderASteadyStreamOfJobs(Vertx vertx, RedisNode redis) {
    // Ids stay reserved for 1 s here; one job every 10 ms keeps about 100 reservations.
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).retention(100, 50, 0)
        .idReservationMs(1_000).build());
    for (int i = 0; i < 300; i++) {
      runToCompletion(f, JobOptions.DEFAULTS);
      f.clock.advance(10);
    }
    int afterWarmup = f.stateKeys("*").size();
    for (int i = 0; i < 1_000; i++) {
      runToCompletion(f, JobOptions.DEFAULTS);
      f.clock.advance(10);
    }
    // Records of durable calls expire by Redis time (60 s), which this test does not move: not counted.
    assertThat(f.stateKeys("*")).hasSize(afterWarmup);
    assertThat(f.zset("q", "completed")).hasSize(100);
    // Reservation ages run on Redis time plus the test's offset, so real time spent here shortens the
    // window: at most the last 1 s of jobs (one per 10 ms) is kept, and nothing older than 1 s.
    assertThat(f.zset("q", "reserved-ids")).isNotEmpty().hasSizeLessThanOrEqualTo(101);
    @SuppressWarnings("unchecked")
    List<Object> scores = (List<Object>) redis.command("ZRANGE", f.key("q", "reserved-ids"), "0", "-1", "WITHSCORES");
    long oldest = Long.parseLong(String.valueOf(scores.get(1)));
    long newest = Long.parseLong(String.valueOf(scores.get(scores.size() - 1)));
    assertThat(newest - oldest).isLessThanOrEqualTo(1_001);
  }

  @Test
  void trimmingTwentyThousandKeptJobsToOneDeletesAtMostOneBatchPerCallAndConverges(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).retention(-1, -1, 0).build());
    int kept = 20_000;
    // Seeded in one script: 20,000 completed jobs, hash, payload and set entry each, the payload in its own key as
    // jobs enqueued before it became a field of the hash have it: retention deletes those keys too.
    redis.command("EVAL", """
        for i = 1, tonumber(ARGV[1]) do
          redis.call('HSET', KEYS[1] .. 'old-' .. i, 'name', 'echo', 'state', 'completed', 'finished', i)
          redis.call('SET', KEYS[1] .. 'old-' .. i .. ':data', '{}')
          redis.call('ZADD', KEYS[2], i, 'old-' .. i)
        end
        return 1""", "2", f.key("q", "job:"), f.key("q", "completed"), Integer.toString(kept));

    String newest = runToCompletion(f, JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(1, 0)));

    // One completion deletes one batch, not the whole excess of 20,000.
    long batch = 1_000;
    assertThat(zcard(f, "completed")).isEqualTo(kept + 1 - batch);
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).hasSize((int) (2 * (kept - batch) + 1));
    assertThat(f.exists(f.key("q", "job:old-" + batch))).isFalse();
    assertThat(f.exists(f.key("q", "job:old-" + (batch + 1)))).isTrue();

    // The periodic stalled/retention tick finishes the rest, one batch per call, on an idle queue too.
    int ticks = 0;
    while (zcard(f, "completed") > 1 && ticks < 100) {
      long before = zcard(f, "completed");
      f.engine.recovery().recoverStalled("q", true).await();
      assertThat(before - zcard(f, "completed")).isBetween(1L, batch);
      ticks++;
    }
    assertThat(ticks).isEqualTo(kept / (int) batch - 1);
    assertThat(f.zset("q", "completed")).containsExactly(newest);
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).containsExactly(f.key("q", "job:" + newest));
    assertThat(redis.command("HKEYS", f.key("q", "meta"))).isEqualTo(java.util.List.of());
  }

  private static long zcard(EngineFixture f, String type) {
    return (Long) f.redis.command("ZCARD", f.key("q", type));
  }

  static String runToCompletion(EngineFixture f, JobOptions options) {
    String id = f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{\"n\":1}").withOptions(options)).await().id();
    f.engine.transitions().complete(fetch(f, "q", "w"), "1", null).await();
    return id;
  }
}
