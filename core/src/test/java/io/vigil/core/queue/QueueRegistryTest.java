package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.QueueBusyException;
import io.vigil.core.error.QueueLimitException;
import io.vigil.core.error.QueueUnknownException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class QueueRegistryTest {
  private static final String QUEUES = EngineFixture.PREFIX + ":queues";

  private static EngineFixture fixture(Vertx vertx, RedisNode redis, boolean declaredOnly, int maxQueues) {
    return new EngineFixture(vertx, redis,
        EngineSettings.defaults(EngineFixture.PREFIX).withQueues(new QueuePolicy(declaredOnly, maxQueues, List.of())));
  }

  @Test
  void openModeRefusesEveryNewQueueBeyondTheCapAndWritesNothingForThem(Vertx vertx, RedisNode redis) {
    EngineFixture f = fixture(vertx, redis, false, 5);
    int created = 0;
    int refused = 0;
    for (int i = 0; i < 2000; i++) {
      try {
        f.engine.enqueuer().enqueue("rnd-" + UUID.randomUUID(), NewJob.of("echo", "1")).await();
        created++;
      } catch (QueueLimitException e) {
        refused++;
      }
    }

    assertThat(created).isEqualTo(5);
    assertThat(refused).isEqualTo(1995);
    List<String> queues = f.engine.admin().listQueues().await();
    assertThat(queues).hasSize(5);
    // Every key belongs to one of the five queues, or is the registry itself.
    assertThat(f.keys("*")).allMatch(k -> k.equals(QUEUES)
        || queues.stream().anyMatch(q -> k.startsWith(EngineFixture.PREFIX + ":{" + q + "}:")));
    // A queue that exists still takes jobs at the cap.
    assertThat(f.engine.enqueuer().enqueue(queues.get(0), NewJob.of("echo", "2")).await().created()).isTrue();
  }

  @Test
  void declaredModeRefusesUnknownQueuesForSingleBulkAndOnceSubmitsAndWritesNothing(Vertx vertx, RedisNode redis) {
    EngineFixture f = fixture(vertx, redis, true, 1000);
    f.engine.queues().declare("known", null).await();
    List<String> before = f.keys("*");

    assertThatThrownBy(() -> f.engine.enqueuer().enqueue("unknown", NewJob.of("echo", "1")).await())
        .isInstanceOf(QueueUnknownException.class).hasMessageContaining("PUT /queues/unknown");
    assertThatThrownBy(() -> f.engine.enqueuer().enqueueBulk("unknown",
        List.of(NewJob.of("echo", "1"), NewJob.of("echo", "2"))).await()).isInstanceOf(QueueUnknownException.class);
    assertThatThrownBy(() -> f.engine.enqueuer().enqueueOnce("unknown",
        List.of(new NewJob("cron-x-1", "echo", "1", JobOptions.DEFAULTS)), 60_000).await())
        .isInstanceOf(QueueUnknownException.class);

    assertThat(f.keys("*")).isEqualTo(before);
    assertThat(f.engine.enqueuer().enqueue("known", NewJob.of("echo", "1")).await().created()).isTrue();
  }

  @Test
  void declaredModeRefusesPauseResumeAndLimitsOfAnUnknownQueueAndWritesNothing(Vertx vertx, RedisNode redis) {
    EngineFixture f = fixture(vertx, redis, true, 1000);
    f.engine.queues().declare("known", null).await();
    List<String> before = f.keys("*");

    assertThatThrownBy(() -> f.engine.admin().pause("unknown").await()).isInstanceOf(QueueUnknownException.class);
    assertThatThrownBy(() -> f.engine.admin().resume("unknown").await()).isInstanceOf(QueueUnknownException.class);
    assertThatThrownBy(() -> f.engine.admin().setLimits("unknown", new QueueLimits(1, null, null)).await())
        .isInstanceOf(QueueUnknownException.class);

    assertThat(f.keys("*")).isEqualTo(before);
    f.engine.admin().pause("known").await();
    assertThat(f.engine.admin().info("known").await().paused()).isTrue();
  }

  @Test
  void declaringBeyondTheCapIsRefusedWhileRedeclaringSetsLimits(Vertx vertx, RedisNode redis) {
    EngineFixture f = fixture(vertx, redis, true, 2);
    assertThat(f.engine.queues().declare("a", null).await()).isTrue();
    assertThat(f.engine.queues().declare("b", new QueueLimits(3, null, null)).await()).isTrue();

    assertThatThrownBy(() -> f.engine.queues().declare("c", null).await()).isInstanceOf(QueueLimitException.class);
    assertThat(f.engine.queues().declare("a", new QueueLimits(2, 10, 1000L)).await()).isFalse();

    assertThat(f.engine.admin().listQueues().await()).containsExactly("a", "b");
    assertThat(f.engine.admin().info("a").await().limits()).isEqualTo(new QueueLimits(2, 10, 1000L));
    assertThat(f.engine.admin().info("b").await().limits()).isEqualTo(new QueueLimits(3, null, null));
    assertThat(f.keys("*")).containsExactly(QUEUES, f.key("a", "marker"), f.key("a", "meta"), f.key("b", "marker"),
        f.key("b", "meta"));
  }

  @Test
  void deletingAnIdleQueueRemovesEveryKeyOfItAndOnlyItsKeys(Vertx vertx, RedisNode redis) {
    EngineFixture f = fixture(vertx, redis, true, 1000);
    f.engine.queues().declare("gone", null).await();
    f.engine.queues().declare("kept", null).await();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      jobs.add(NewJob.of("echo", Integer.toString(i)));
    }
    f.engine.enqueuer().enqueueBulk("kept", List.of(NewJob.of("echo", "k"))).await();
    f.engine.enqueuer().enqueueBulk("gone", jobs.subList(0, 1000)).await();
    f.engine.enqueuer().enqueueBulk("gone", jobs.subList(1000, 1200)).await();
    // Finish them all: a queue with only finished jobs is idle.
    f.redis.command("RENAME", f.key("gone", "waiting"), f.key("gone", "completed"));
    List<String> keptKeys = f.keys(EngineFixture.PREFIX + ":{kept}:*");

    long swept = f.engine.queues().delete("gone", false).await();

    // At least each job's hash (its payload is a field of it), swept over more than one batch of 500.
    assertThat(swept).isGreaterThanOrEqualTo(1200);
    assertThat(f.keys(EngineFixture.PREFIX + ":{gone}:*")).isEmpty();
    assertThat(f.keys(EngineFixture.PREFIX + ":{kept}:*")).isEqualTo(keptKeys);
    assertThat(f.engine.admin().listQueues().await()).containsExactly("kept");
    assertThatThrownBy(() -> f.engine.enqueuer().enqueue("gone", NewJob.of("echo", "1")).await())
        .isInstanceOf(QueueUnknownException.class);
    assertThatThrownBy(() -> f.engine.queues().delete("gone", false).await()).isInstanceOf(QueueUnknownException.class);
  }

  @Test
  void deletingABusyQueueIsRefusedAndChangesNothingUnlessForced(Vertx vertx, RedisNode redis) {
    EngineFixture f = fixture(vertx, redis, false, 1000);
    f.engine.enqueuer().enqueue("busy", NewJob.of("echo", "1")).await();
    List<String> before = f.keys("*");

    assertThatThrownBy(() -> f.engine.queues().delete("busy", false).await())
        .isInstanceOf(QueueBusyException.class).hasMessageContaining("force=true");
    assertThat(f.keys("*")).isEqualTo(before);

    f.engine.queues().delete("busy", true).await();
    assertThat(f.keys("*")).isEmpty();
  }

  @Test
  void queuesNamedAtStartAreDeclared(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis, EngineSettings.defaults(EngineFixture.PREFIX)
        .withQueues(new QueuePolicy(true, 10, List.of("mail", "reports"))));
    f.engine.queues().declareAtStart().await();
    assertThat(f.engine.admin().listQueues().await()).containsExactly("mail", "reports");
  }
}
