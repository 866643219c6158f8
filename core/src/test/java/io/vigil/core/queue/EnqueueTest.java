package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.error.MemoryWatermarkException;
import io.vigil.core.error.PayloadTooLargeException;
import io.vigil.core.error.QueueFullException;
import io.vigil.core.job.Job;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Submitted;
import io.vigil.core.support.EngineFixture;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class EnqueueTest {

  @Test
  void enqueuedJobIsWaitingWithItsHashPayloadAndAddedEvent(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    long before = f.redisNow();
    Submitted s = f.engine.enqueuer().enqueue("reports", NewJob.of("echo", "{\"a\":1}")).await();
    long after = f.redisNow();

    assertThat(s.created()).isTrue();
    assertThat(f.zset("reports", "waiting")).containsExactly(s.id());
    Job job = f.engine.admin().getJob("reports", s.id()).await();
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.name()).isEqualTo("echo");
    assertThat(job.dataJson()).isEqualTo("{\"a\":1}");
    assertThat(job.createdAt()).isBetween(before, after);
    assertThat(job.attemptsMade()).isZero();
    assertThat(f.engine.events().readAfter("reports", "0", 10).await())
        .extracting(e -> e.event() + ":" + e.jobId()).containsExactly("added:" + s.id());
    assertThat(f.engine.admin().listQueues().await()).containsExactly("reports");
  }

  @Test
  void callerGivenIdThatExistsReturnsTheExistingJobAndCreatesNothing(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    NewJob first = new NewJob("order-42", "echo", "{\"v\":1}", JobOptions.DEFAULTS);
    assertThat(f.engine.enqueuer().enqueue("q", first).await()).isEqualTo(new Submitted("order-42", true, false));
    List<String> keysBefore = f.stateKeys("*");

    Submitted again = f.engine.enqueuer().enqueue("q", new NewJob("order-42", "echo", "{\"v\":2}", JobOptions.DEFAULTS)).await();

    assertThat(again).isEqualTo(new Submitted("order-42", false, false));
    assertThat(f.engine.admin().getJob("q", "order-42").await().dataJson()).isEqualTo("{\"v\":1}");
    assertThat(f.zset("q", "waiting")).containsExactly("order-42");
    assertThat(f.stateKeys("*")).isEqualTo(keysBefore);
    assertThat(f.engine.events().readAfter("q", "0", 10).await()).hasSize(1);
  }

  @Test
  void bulkCreatesEveryJobInOrderAndReportsDuplicatesWithinTheBulk(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(NewJob.of("echo", Integer.toString(i)));
    }
    jobs.add(new NewJob("dup", "echo", "1", JobOptions.DEFAULTS));
    jobs.add(new NewJob("dup", "echo", "2", JobOptions.DEFAULTS));

    List<Submitted> result = f.engine.enqueuer().enqueueBulk("q", jobs).await();

    assertThat(result).hasSize(7);
    assertThat(result.subList(0, 6)).allMatch(Submitted::created);
    assertThat(result.get(6)).isEqualTo(new Submitted("dup", false, false));
    assertThat(f.zset("q", "waiting")).containsExactlyElementsOf(result.subList(0, 6).stream().map(Submitted::id).toList());
  }

  @Test
  void higherPriorityRunsFirstAndEqualPrioritiesKeepSubmissionOrder(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String low1 = submit(f, "q", JobOptions.DEFAULTS);
    String high = submit(f, "q", JobOptions.fromJson(new JsonObject().put("priority", 10)));
    String low2 = submit(f, "q", JobOptions.DEFAULTS);
    String top = submit(f, "q", JobOptions.fromJson(new JsonObject().put("priority", JobOptions.MAX_PRIORITY)));

    assertThat(f.zset("q", "waiting")).containsExactly(top, high, low1, low2);
  }

  @Test
  void delayedJobWaitsInDelayedUntilDueThenFetchPromotesIt(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String id = submit(f, "q", JobOptions.fromJson(new JsonObject().put("delayMs", 5_000)));
    assertThat(f.zset("q", "delayed")).containsExactly(id);
    assertThat(f.hget("q", id, "state")).isEqualTo("delayed");

    long created = Long.parseLong(f.hget("q", id, "created"));
    assertThat(redis.command("ZSCORE", f.key("q", "delayed"), id)).isEqualTo(Long.toString(created + 5_000));

    FetchOutcome early = f.engine.transitions().fetch("q", "w1").await();
    // The wait comes from Redis's now and is placed on this JVM's clock.
    long fetchedBy = f.redisNow();
    assertThat(((FetchOutcome.Idle) early).nextDueAt())
        .isBetween(f.clock.millis() + 5_000 - (fetchedBy - created), f.clock.millis() + 5_000);

    f.clock.advance(5_000);
    FetchOutcome due = f.engine.transitions().fetch("q", "w1").await();
    assertThat(due).isInstanceOf(FetchOutcome.Fetched.class);
    assertThat(((FetchOutcome.Fetched) due).lease().jobId()).isEqualTo(id);
    assertThat(f.zset("q", "delayed")).isEmpty();
  }

  @Test
  void queueCapRefusesTheWholeBulkAndWritesNothing(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).maxJobsPerQueue(3).build());
    submit(f, "q", JobOptions.DEFAULTS);
    submit(f, "q", JobOptions.DEFAULTS);
    long keysBefore = f.dbSize();
    String eventsBefore = f.engine.events().latestId("q").await();

    assertThatThrownBy(() -> f.engine.enqueuer().enqueueBulk("q", List.of(NewJob.of("echo", "1"), NewJob.of("echo", "2"))).await())
        .isInstanceOf(QueueFullException.class);

    assertThat(f.dbSize()).isEqualTo(keysBefore);
    assertThat(f.zset("q", "waiting")).hasSize(2);
    assertThat(f.engine.events().latestId("q").await()).isEqualTo(eventsBefore);
    // One more still fits.
    submit(f, "q", JobOptions.DEFAULTS);
    assertThat(f.zset("q", "waiting")).hasSize(3);
  }

  @Test
  void finishedJobsDoNotCountAgainstTheQueueCap(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).maxJobsPerQueue(1).build());
    submit(f, "q", JobOptions.DEFAULTS);
    Lease lease = ((FetchOutcome.Fetched) f.engine.transitions().fetch("q", "w").await()).lease();
    f.engine.transitions().complete(lease, "1", null).await();

    submit(f, "q", JobOptions.DEFAULTS);
    assertThat(f.zset("q", "waiting")).hasSize(1);
  }

  @Test
  void memoryWatermarkRefusesSubmissionsAndWritesNothing(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).memoryWatermark(0.5).build());
    long used = Long.parseLong(redis.info("memory", "used_memory"));
    redis.command("CONFIG", "SET", "maxmemory", Long.toString(used + used / 2));
    try {
      long keysBefore = f.dbSize();
      assertThatThrownBy(() -> f.engine.enqueuer().enqueue("q", NewJob.of("echo", "1")).await())
          .isInstanceOf(MemoryWatermarkException.class);
      assertThat(f.dbSize()).isEqualTo(keysBefore);
    } finally {
      redis.command("CONFIG", "SET", "maxmemory", "0");
    }
    submit(f, "q", JobOptions.DEFAULTS);
  }

  @Test
  void oversizedPayloadIsRefusedBeforeReachingRedis(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, TunedSettings.defaults(EngineFixture.PREFIX).maxPayloadBytes(100).build());
    String big = "\"" + "x".repeat(200) + "\"";
    assertThatThrownBy(() -> f.engine.enqueuer().enqueue("q", NewJob.of("echo", big)).await())
        .isInstanceOf(PayloadTooLargeException.class);
    assertThat(f.dbSize()).isZero();
  }

  @Test
  void namesThatCouldEscapeTheKeyspaceAreRefused(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    for (String bad : List.of("a:b", "{x}", "", "a b", "line\nbreak", "*", "x".repeat(200), "-lead")) {
      assertThatThrownBy(() -> f.engine.enqueuer().enqueue(bad, NewJob.of("echo", "1")).await())
          .as("queue %s", bad).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> f.engine.enqueuer().enqueue("q", new NewJob(bad, "echo", "1", null)).await())
          .as("job id %s", bad).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(f.dbSize()).isZero();
  }

  static String submit(EngineFixture f, String queue, JobOptions options) {
    return f.engine.enqueuer().enqueue(queue, NewJob.of("echo", "{}").withOptions(options)).await().id();
  }
}
