package io.vigil.core.queue;

import static io.vigil.core.queue.EnqueueTest.submit;
import static io.vigil.core.queue.TransitionsTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.error.JobNotFoundException;
import io.vigil.core.error.WrongStateException;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class AdminTest {

  @Test
  void removeDeletesWaitingDelayedAndFinishedJobsButRefusesAnActiveOne(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String active = submit(f, "q", JobOptions.DEFAULTS);
    fetch(f, "q", "w");
    String waiting = submit(f, "q", JobOptions.DEFAULTS);
    String delayed = submit(f, "q", JobOptions.fromJson(new JsonObject().put("delayMs", 10_000)));

    assertThatThrownBy(() -> f.engine.admin().remove("q", active).await()).isInstanceOf(WrongStateException.class);
    f.engine.admin().remove("q", waiting).await();
    f.engine.admin().remove("q", delayed).await();

    assertThat(f.zset("q", "waiting")).isEmpty();
    assertThat(f.zset("q", "delayed")).isEmpty();
    assertThat(f.zset("q", "active")).containsExactly(active);
    // One key per job: its payload is a field of its hash.
    assertThat(f.keys(EngineFixture.PREFIX + ":{q}:job:*")).containsExactly(f.key("q", "job:" + active));
    assertThatThrownBy(() -> f.engine.admin().remove("q", waiting).await()).isInstanceOf(JobNotFoundException.class);
  }

  @Test
  void retryMovesAFailedJobBackToWaitingWithFreshAttemptsAndKeepsItsErrors(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.DEFAULTS.withAttempts(1));
    f.engine.transitions().fail(fetch(f, "q", "w"), "first failure", 0, null).await();
    assertThat(f.hget("q", id, "state")).isEqualTo("failed");
    assertThatThrownBy(() -> f.engine.admin().promote("q", id).await()).isInstanceOf(WrongStateException.class);

    f.engine.admin().retry("q", id).await();

    Job job = f.engine.admin().getJob("q", id).await();
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.attemptsMade()).isZero();
    assertThat(job.errors()).containsExactly("first failure");
    assertThat(f.zset("q", "failed")).isEmpty();
    assertThat(f.zset("q", "waiting")).containsExactly(id);
    assertThatThrownBy(() -> f.engine.admin().retry("q", id).await()).isInstanceOf(WrongStateException.class);
  }

  @Test
  void promoteMakesADelayedJobWaitingNow(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.fromJson(new JsonObject().put("delayMs", 60_000)));

    f.engine.admin().promote("q", id).await();

    assertThat(f.zset("q", "waiting")).containsExactly(id);
    assertThat(fetch(f, "q", "w").jobId()).isEqualTo(id);
  }

  @Test
  void infoCountsEveryStateAndListingsPageThroughThem(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    List<String> waiting = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      waiting.add(submit(f, "q", JobOptions.DEFAULTS));
    }
    submit(f, "q", JobOptions.fromJson(new JsonObject().put("delayMs", 1000)));
    String done = waiting.remove(0);
    f.engine.transitions().complete(fetch(f, "q", "w"), "1", null).await();
    String running = waiting.remove(0);
    fetch(f, "q", "w");

    QueueInfo info = f.engine.admin().info("q").await();
    assertThat(info.counts()).isEqualTo(Map.of(JobState.WAITING, 5L, JobState.DELAYED, 1L, JobState.ACTIVE, 1L,
        JobState.COMPLETED, 1L, JobState.FAILED, 0L));

    JobPage first = f.engine.admin().list("q", JobState.WAITING, 2, null).await();
    JobPage second = f.engine.admin().list("q", JobState.WAITING, 2, first.nextCursor()).await();
    JobPage third = f.engine.admin().list("q", JobState.WAITING, 2, second.nextCursor()).await();
    List<String> listed = new ArrayList<>();
    for (JobPage page : List.of(first, second, third)) {
      page.jobs().forEach(j -> listed.add(j.id()));
    }
    assertThat(listed).containsExactlyElementsOf(waiting);
    assertThat(third.nextCursor()).isNull();
    assertThat(f.engine.admin().list("q", JobState.COMPLETED, 10, null).await().jobs()).extracting(Job::id).containsExactly(done);
    assertThat(f.engine.admin().list("q", JobState.ACTIVE, 10, null).await().jobs()).extracting(Job::id).containsExactly(running);
    assertThatThrownBy(() -> f.engine.admin().list("q", JobState.WAITING, 2, "abc").await()).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> f.engine.admin().list("q", JobState.WAITING, 0, null).await()).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void listQueuesNamesEveryQueueThatReceivedAJob(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "reports", JobOptions.DEFAULTS);
    submit(f, "emails", JobOptions.DEFAULTS);
    assertThat(f.engine.admin().listQueues().await()).containsExactly("emails", "reports");
  }

  @Test
  void getOfAnUnknownJobIsNotFound(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    assertThatThrownBy(() -> f.engine.admin().getJob("q", "nope").await()).isInstanceOf(JobNotFoundException.class);
  }
}
