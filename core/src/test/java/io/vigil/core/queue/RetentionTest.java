package io.vigil.core.queue;

import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.support.EngineFixture;
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
    EngineFixture f = new EngineFixture(vertx, redis, EngineSettings.defaults(EngineFixture.PREFIX).withRetention(3, 2, 0));
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
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).hasSize(6);
  }

  @Test
  void retentionByAgeRemovesFinishedJobsOlderThanTheLimit(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, EngineSettings.defaults(EngineFixture.PREFIX).withRetention(-1, -1, 1_000));
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
          .withOptions(JobOptions.DEFAULTS.withRemoveOnFail(new Retention(2, 0)))).await().id();
      ids.add(id);
      f.engine.transitions().fail(fetch(f, "q", "w"), "no", -1, null).await();
      f.clock.advance(1);
    }
    assertThat(f.zset("q", "failed")).containsExactlyElementsOf(ids.subList(2, 4));
  }

  @Test
  void redisMemoryStaysFlatUnderASteadyStreamOfJobs(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, EngineSettings.defaults(EngineFixture.PREFIX).withRetention(100, 50, 0));
    for (int i = 0; i < 300; i++) {
      runToCompletion(f, JobOptions.DEFAULTS);
    }
    long afterWarmup = f.dbSize();
    for (int i = 0; i < 1_000; i++) {
      runToCompletion(f, JobOptions.DEFAULTS);
    }
    assertThat(f.dbSize()).isEqualTo(afterWarmup);
    assertThat(f.zset("q", "completed")).hasSize(100);
  }

  static String runToCompletion(EngineFixture f, JobOptions options) {
    String id = f.engine.enqueuer().enqueue("q", NewJob.of("echo", "{\"n\":1}").withOptions(options)).await().id();
    f.engine.transitions().complete(fetch(f, "q", "w"), "1", null).await();
    return id;
  }
}
