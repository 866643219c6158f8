package io.vigil.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.probe.ProbeLoad;
import io.vigil.core.probe.ProbeReport;
import io.vigil.core.queue.Engine;
import io.vigil.core.redis.BrokerStatus;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.SentinelSettings;
import io.vigil.topology.RedisNode;
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
 * Sentinels failing while jobs flow: with one of three down, failovers still happen (two of three
 * elect a leader); with all down the last verified master keeps serving, anything that must find a master
 * fails with a RedisUnavailableException that says no Sentinel answered, and everything recovers when
 * they return.
 */
@Tag("failover")
@SentinelSettings(downAfterMs = 1000)
@ExtendWith({VertxExtension.class, RedisExtension.class})
class SentinelOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void oneSentinelDownThenAllDownAndBackLosesNoAcknowledgedJob(Vertx vertx, SentinelTopology topology) throws Exception {
    RedisSettings settings = SentinelFailoverTest.settings(topology);
    FailoverBroker broker = RedisConnector.connect(vertx, settings).await();
    FailoverBroker impatient = RedisConnector.connect(vertx, SentinelFailoverTest.settings(topology,
        Map.of("REDIS_COMMAND_TIMEOUT", "1500"))).await();
    Engine engine = Engine.create(broker, SentinelFailoverTest.engineSettings(), Clock.systemUTC(), true);
    FailoverReconciler.forAllQueues(engine).attachTo(broker);
    ProbeLoad load = new ProbeLoad(vertx, engine, "sentinels", 100);
    List<Long> faults = new ArrayList<>();
    List<RedisNode> sentinels = topology.sentinels();
    try {
      load.start(4);
      // The load runs a second before the first fault: the drill's traffic profile, not a wait for a state.
      Thread.sleep(1_000);

      // One Sentinel down: the other two still agree, and still fail over.
      sentinels.get(0).stop();
      await("broker to see 2 Sentinels").atMost(WAIT).until(() -> broker.status().sentinelsAnswering() == 2);
      RedisNode old = topology.currentMaster();
      faults.add(System.currentTimeMillis());
      topology.failover();
      topology.awaitNewMaster(old, Duration.ofSeconds(30));
      await("broker to follow the failover").atMost(WAIT).until(() -> !broker.status().master().toString().equals(old.address()));
      RedisConnector.connect(vertx, settings).await().close().await();

      // All down: serving goes on; finding a master fails clearly.
      sentinels.get(1).stop();
      sentinels.get(2).stop();
      await("broker to notice no Sentinel answers").atMost(WAIT).until(() -> broker.status().lastRefreshError() != null);
      int completedBefore = load.completedCount();
      // The measuring window for completions while every Sentinel is down.
      Thread.sleep(1_000);
      int completedWhileDown = load.completedCount() - completedBefore;
      long start = System.currentTimeMillis();
      assertThatThrownBy(() -> RedisConnector.connect(vertx, settings).await())
          .isInstanceOf(RedisUnavailableException.class).hasMessageContaining("no Sentinel answered");
      long connectFailedAfter = System.currentTimeMillis() - start;
      BrokerStatus downStatus = broker.status();
      // The master stops answering too (paused, not killed: no Sentinel could fail it over).
      RedisNode master = topology.dataNodes().stream()
          .filter(n -> n.address().equals(downStatus.master().toString())).findFirst().orElseThrow();
      faults.add(System.currentTimeMillis());
      master.command("CLIENT", "PAUSE", "2500", "ALL");
      assertThatThrownBy(() -> impatient.send(Request.cmd(Command.PING)).await())
          .isInstanceOf(RedisUnavailableException.class)
          .hasMessageContaining("cannot look for another master: no Sentinel answered");
      // PAUSE ALL holds even this PING until the pause ends: the Sentinels must not return to a paused master.
      master.command("PING");

      // Back: subscriptions and refreshes resume; a later failover is followed again.
      for (RedisNode sentinel : sentinels) {
        sentinel.restart();
      }
      topology.awaitHealthy(Duration.ofSeconds(30));
      await("broker to see 3 Sentinels").atMost(WAIT).until(() -> broker.status().sentinelsAnswering() == 3
          && broker.status().lastRefreshError() == null);
      RedisNode before = topology.currentMaster();
      faults.add(System.currentTimeMillis());
      topology.failover();
      topology.awaitNewMaster(before, Duration.ofSeconds(30));
      // Load on the new master before the drain: the drill's traffic profile.
      Thread.sleep(1_500);
      load.stopProducing();
      ProbeReport report = load.drain(60_000, faults).await();

      System.out.print(report.lines("sentinels"));
      System.out.println("sentinels.outages: 1 = failover with one Sentinel down, 2 = master paused 2.5 s while"
          + " all Sentinels are down, 3 = failover after they returned");
      System.out.println("sentinels.completed_while_all_sentinels_down " + completedWhileDown + " jobs");
      System.out.println("sentinels.connect_failed_after " + connectFailedAfter + " ms");
      System.out.println("sentinels.status_while_down " + downStatus);
      assertThat(completedWhileDown).isGreaterThan(0);
      assertThat(downStatus.sentinelsAnswering()).isZero();
      assertThat(downStatus.lastRefreshError()).contains("no Sentinel answered");
      assertThat(report.lost()).isEmpty();
      assertThat(report.duplicateCompletions()).as("jobs completed twice").isZero();
    } finally {
      load.stop().await();
      broker.close().await();
      impatient.close().await();
    }
  }
}
