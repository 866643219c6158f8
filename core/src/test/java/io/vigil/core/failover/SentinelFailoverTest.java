package io.vigil.core.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.probe.ProbeLoad;
import io.vigil.core.probe.ProbeReport;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.RedisExtension;
import io.vigil.testkit.SentinelSettings;
import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failovers under load on a real master + 2 replicas + 3 Sentinels (down-after 1000 ms): a producer
 * submits 100 jobs/s, a JobProcessor runs them, and every acknowledged job must complete on the final
 * master and none may complete twice. Outages, re-runs by reason and duplicate executions are printed, not
 * asserted (timings on a shared 2-core machine vary).
 */
@Tag("failover")
@SentinelSettings(downAfterMs = 1000)
@ExtendWith({VertxExtension.class, RedisExtension.class})
class SentinelFailoverTest {
  private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);

  enum Fault { KILL_9, MANUAL, PAUSE }

  @Test
  void killingTheMasterUnderLoadLosesNoAcknowledgedJob(Vertx vertx, SentinelTopology topology) throws Exception {
    ProbeReport report = run(vertx, topology, "kill", List.of(Fault.KILL_9));

    assertGuarantees(report);
  }

  @Test
  void manualSentinelFailoverUnderLoadLosesNoAcknowledgedJob(Vertx vertx, SentinelTopology topology) throws Exception {
    ProbeReport report = run(vertx, topology, "manual", List.of(Fault.MANUAL));

    assertGuarantees(report);
  }

  @Test
  void aMasterPausedLongerThanDownAfterIsReplacedWithoutLosingAnAcknowledgedJob(Vertx vertx, SentinelTopology topology)
      throws Exception {
    ProbeReport report = run(vertx, topology, "pause", List.of(Fault.PAUSE));

    assertGuarantees(report);
  }

  @Test
  void fiveFailoversInARowLoseNoAcknowledgedJobAndWorkersKeepWorking(Vertx vertx, SentinelTopology topology)
      throws Exception {
    List<Fault> faults = List.of(Fault.KILL_9, Fault.MANUAL, Fault.KILL_9, Fault.MANUAL, Fault.KILL_9);

    ProbeReport report = run(vertx, topology, "five", faults);

    assertGuarantees(report);
    assertThat(report.outagesMs()).hasSize(5);
  }

  private static void assertGuarantees(ProbeReport report) {
    assertThat(report.acked()).isGreaterThan(100);
    assertThat(report.lost()).as("acknowledged jobs missing from completed").isEmpty();
    assertThat(report.unexpected()).isZero();
    assertThat(report.duplicateCompletions()).as("jobs completed twice").isZero();
  }

  static RedisSettings settings(SentinelTopology topology) {
    return settings(topology, Map.of());
  }

  /** The settings of {@link #settings(SentinelTopology)} with more REDIS_* variables set. */
  static RedisSettings settings(SentinelTopology topology, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()));
    all.put("REDIS_MASTER_NAME", topology.masterName());
    return RedisSettings.fromEnv(all);
  }

  static EngineSettings engineSettings() {
    // Keep every finished job so the final master can be checked; stalled checks every second.
    return TunedSettings.defaults("vf").retention(-1, -1, 0).lease(10_000, 1_000, 5).build();
  }

  private static ProbeReport run(Vertx vertx, SentinelTopology topology, String queue, List<Fault> faults)
      throws Exception {
    topology.awaitHealthy(SWITCH_TIMEOUT);
    FailoverBroker broker = RedisConnector.connect(vertx, settings(topology)).await();
    Engine engine = Engine.create(broker, engineSettings(), Clock.systemUTC(), true);
    FailoverReconciler.forAllQueues(engine).attachTo(broker);
    ProbeLoad load = new ProbeLoad(vertx, engine, queue, 100);
    List<Long> faultTimes = new ArrayList<>();
    try {
      load.start(4);
      // The sleeps below are the drill's traffic profile (load before, during and after each fault), not
      // waits for a state: awaitHealthy is the wait.
      Thread.sleep(2_000);
      for (Fault fault : faults) {
        faultTimes.add(System.currentTimeMillis());
        inject(topology, fault);
        Thread.sleep(2_000);
        topology.awaitHealthy(SWITCH_TIMEOUT);
      }
      Thread.sleep(1_000);
      load.stopProducing();
      ProbeReport report = load.drain(60_000, faultTimes).await();
      System.out.print(report.lines("failover." + queue));
      System.out.println("failover." + queue + ".broker " + broker.status());
      return report;
    } finally {
      load.stop().await();
      broker.close().await();
    }
  }

  private static void inject(SentinelTopology topology, Fault fault) {
    if (fault == Fault.KILL_9) {
      RedisNode killed = topology.crashMaster();
      topology.awaitNewMaster(killed, SWITCH_TIMEOUT);
      // Restarted right after the switch, empty: Sentinel makes it a replica of the new master.
      killed.restart();
    } else if (fault == Fault.MANUAL) {
      RedisNode old = topology.currentMaster();
      topology.failover();
      topology.awaitNewMaster(old, SWITCH_TIMEOUT);
    } else {
      // Frozen like a stopped VM: Sentinel fails it over, then it wakes up still a master for a while.
      RedisNode old = topology.currentMaster();
      old.command("CLIENT", "PAUSE", "4000", "ALL");
      topology.awaitNewMaster(old, SWITCH_TIMEOUT);
    }
  }
}
