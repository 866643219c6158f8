package io.vigil.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.job.Retention;
import io.vigil.core.job.Submitted;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.testkit.SentinelSettings;
import io.vigil.topology.SentinelTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10, item 1: a submission whose replica acknowledgement came late must not run twice. A replica is
 * frozen (the kit's freeze: SIGSTOP) while an idle worker polls; the first enqueue applies at once, the worker runs and
 * removes the job, and only the confirmation of the enqueue may be repeated, never the enqueue itself.
 */
@Tag("failover")
@SentinelSettings(downAfterMs = 1000)
@ExtendWith({VertxExtension.class, RedisExtension.class})
class OneSubmissionRunsOnceTest {

  @Test
  void aSubmitConfirmedLateRunsItsJobOnceEvenWhenTheWorkerRemovedItMeanwhile(Vertx vertx, SentinelTopology topology)
      throws Exception {
    topology.awaitHealthy(Duration.ofSeconds(30));
    FailoverBroker broker = connect(vertx, topology);
    RedisNode master = topology.currentMaster();
    RedisNode replica = topology.dataNodes().stream().filter(n -> n != master).findFirst().orElseThrow();
    try {
      Engine submitter = Engine.create(broker, EngineSettings.defaults("vo"), Clock.systemUTC(), true);
      Engine worker = Engine.create(broker, EngineSettings.defaults("vo"), Clock.systemUTC(), false);
      NewJob job = NewJob.of("echo", "{\"sleepMs\":0}").withId("dup-x")
          .withOptions(JobOptions.DEFAULTS.withRemoveOnComplete(new Retention(0, 0)));

      replica.freeze();
      Thread thaw = new Thread(() -> {
        sleep(3_000);
        replica.thaw();
      });
      thaw.start();
      Future<Submitted> submit = submitter.enqueuer().enqueue("dup", job);
      int runs = 0;
      long quietUntil = Long.MAX_VALUE;
      // The idle worker: fetch (no WAIT) and complete whatever appears, until 2 s after the submit answered.
      while (System.currentTimeMillis() < quietUntil) {
        FetchOutcome fetched = worker.transitions().fetch("dup", "w1").await();
        if (fetched instanceof FetchOutcome.Fetched f) {
          worker.transitions().complete(f.lease(), "{}", null).await();
          runs++;
        } else {
          sleep(20);
        }
        if (submit.isComplete() && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.currentTimeMillis() + 2_000;
        }
      }
      thaw.join();
      Submitted answer = submit.await();
      List<String> events = events(master, "vo:{dup}:events", "dup-x");

      System.out.println("once.dup_x runs=" + runs + " events=" + events + " answer=" + answer);
      assertThat(answer).isEqualTo(new Submitted("dup-x", true, false));
      assertThat(runs).isEqualTo(1);
      assertThat(events).containsExactly("added", "active", "completed");
    } finally {
      if (replica.isRunning()) {
        replica.thaw();
      }
      broker.close().await();
    }
  }

  /**
   * The first Sentinel query of a cold JVM on a loaded machine can exceed the Sentinel query timeout
   * (1.5 s); a later one does not.
   */
  static FailoverBroker connect(Vertx vertx, SentinelTopology topology) {
    RedisSettings settings = RedisSettings.fromEnv(Map.of(
        "REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()),
        "REDIS_MASTER_NAME", topology.masterName(), "REDIS_MIN_REPLICA_ACKS", "auto"));
    for (int attempt = 1; ; attempt++) {
      try {
        return RedisConnector.connect(vertx, settings).await();
      } catch (RuntimeException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> events(RedisNode node, String stream, String jobId) {
    List<String> out = new ArrayList<>();
    for (Object entry : (List<Object>) node.command("XRANGE", stream, "-", "+")) {
      List<Object> fields = (List<Object>) ((List<Object>) entry).get(1);
      if (fields.indexOf(jobId) == fields.indexOf("jobId") + 1) {
        out.add(String.valueOf(fields.get(fields.indexOf("event") + 1)));
      }
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
