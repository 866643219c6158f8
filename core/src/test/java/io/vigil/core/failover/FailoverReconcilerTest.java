package io.vigil.core.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.NewJob;
import io.vigil.core.queue.ReconcileReport;
import io.vigil.core.redis.BlockingChannel;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.BrokerStatus;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.MasterChange;
import io.vigil.core.redis.RedisAddress;
import io.vigil.core.script.Script;
import io.vigil.core.support.EngineFixture;
import io.vigil.core.support.ForwardingBroker;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a master switch sets off: every known queue reconciled and its expired leases recovered at once. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class FailoverReconcilerTest {

  @Test
  void aMasterSwitchRefilesStrayJobsAndRecoversExpiredLeasesInEveryQueue(Vertx vertx, RedisNode redis)
      throws Exception {
    EngineFixture f = new EngineFixture(vertx, redis);
    String stray = submit(f, "a", JobOptions.DEFAULTS);
    String orphan = submit(f, "b", JobOptions.DEFAULTS);
    String expired = submit(f, "b", JobOptions.DEFAULTS);
    f.engine.transitions().fetch("b", "w1").await();
    f.engine.transitions().fetch("b", "w1").await();
    // As a failover can leave them: a waiting job in no set, an active job without a lease entry.
    redis.command("ZREM", f.key("a", "waiting"), stray);
    redis.command("ZREM", f.key("b", "active"), orphan);
    f.clock.advance(f.engine.settings().leaseMs() + 1);
    SwitchingBroker broker = new SwitchingBroker(f.broker);
    FailoverReconciler reconciler = FailoverReconciler.forAllQueues(f.engine).attachTo(broker);

    broker.switchMaster();
    ReconcileReport report = reconciler.reconcileNow().await();
    await().atMost(Duration.ofSeconds(10)).until(() -> f.zset("b", "active").isEmpty());

    assertThat(report).isEqualTo(new ReconcileReport(0, 2, 0));
    assertThat(f.zset("a", "waiting")).containsExactly(stray);
    assertThat(f.zset("b", "waiting")).containsExactlyInAnyOrder(orphan, expired);
    assertThat(f.hget("b", orphan, "state")).isEqualTo("waiting");
    assertThat(f.hget("b", expired, "state")).isEqualTo("waiting");
  }

  @Test
  void passesThatOverlapRunOneAfterTheOther(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    submit(f, "a", JobOptions.DEFAULTS);
    FailoverReconciler reconciler = FailoverReconciler.forAllQueues(f.engine);

    Future<ReconcileReport> first = reconciler.reconcileNow();
    Future<ReconcileReport> joined = reconciler.reconcileNow();

    assertThat(joined).isSameAs(first);
    assertThat(first.await()).isEqualTo(new ReconcileReport(0, 0, 0));
  }

  @Test
  void oneFailoverIsReconciledOnceInOneKeyspaceWalkWhateverTheNumberOfQueuesAndJvms(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    List<String> strays = new java.util.ArrayList<>();
    for (String queue : List.of("a", "b", "c")) {
      for (int i = 0; i < 3; i++) {
        submit(f, queue, JobOptions.DEFAULTS);
      }
      String stray = submit(f, queue, JobOptions.DEFAULTS);
      redis.command("ZREM", f.key(queue, "waiting"), stray);
      strays.add(stray);
    }
    // Two worker JVMs, each with its own broker and reconciler, both told about the same switch.
    io.vigil.core.queue.Engine other = io.vigil.core.queue.Engine.create(
        io.vigil.core.redis.RedisConnector.connect(vertx,
            io.vigil.core.redis.RedisSettings.standalone(redis.host(), redis.port())).await(),
        f.engine.settings(), java.time.Clock.systemUTC(), false);
    FailoverReconciler one = FailoverReconciler.forAllQueues(f.engine);
    FailoverReconciler two = FailoverReconciler.forAllQueues(other);
    redis.command("CONFIG", "RESETSTAT");

    Future<ReconcileReport> passOne = one.reconcileNow();
    Future<ReconcileReport> passTwo = two.reconcileNow();
    ReconcileReport byOne = passOne.await();
    ReconcileReport byTwo = passTwo.await();

    long scans = scanCalls(redis);
    System.out.printf("reconcile after one switch, 3 queues, 2 JVMs: SCAN calls=%d reports=%s %s%n", scans, byOne, byTwo);
    assertThat(byOne.plus(byTwo)).isEqualTo(new ReconcileReport(0, 3, 0));
    assertThat(scans).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      String queue = List.of("a", "b", "c").get(i);
      assertThat(f.zset(queue, "waiting")).hasSize(4).contains(strays.get(i));
    }
  }

  private static long scanCalls(RedisNode redis) {
    String stat = redis.info("commandstats", "cmdstat_scan");
    if (stat == null) {
      return 0;
    }
    return Long.parseLong(stat.substring("calls=".length(), stat.indexOf(',')));
  }

  private static String submit(EngineFixture f, String queue, JobOptions options) {
    return f.engine.enqueuer().enqueue(queue, NewJob.of("echo", "{}").withOptions(options)).await().id();
  }

  /** A standalone broker that can pretend the master switched. */
  private static final class SwitchingBroker extends ForwardingBroker implements FailoverBroker {
    private Consumer<MasterChange> listener = change -> {};

    SwitchingBroker(Broker delegate) {
      super(delegate);
    }

    void switchMaster() {
      listener.accept(new MasterChange(new RedisAddress("old", 1), new RedisAddress("new", 2), 1));
    }

    @Override
    public void onMasterChanged(Consumer<MasterChange> l) {
      listener = l;
    }

    @Override
    public BrokerStatus status() {
      return null;
    }
  }
}
