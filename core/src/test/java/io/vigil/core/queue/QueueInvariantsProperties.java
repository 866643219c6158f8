package io.vigil.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.VigilException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.job.JobState;
import io.vigil.core.job.NewJob;
import io.vigil.core.support.EngineFixture;
import io.vigil.core.support.TunedSettings;
import io.vigil.testkit.TestTopologies;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of engine operations against a real Redis; after every step each job sits in
 * exactly one state structure that agrees with its hash, no job is lost, and the counts match.
 */
class QueueInvariantsProperties {
  private static final List<String> STRUCTURES = List.of("waiting", "delayed", "active", "completed", "failed");
  private static RedisNode redis;
  private static Vertx vertx;

  sealed interface Op permits Enqueue, Fetch, Complete, Fail, Advance, Recover, Remove, Retry, Promote, PauseToggle {}

  record Enqueue(int priority, long delayMs) implements Op {}

  record Fetch() implements Op {}

  record Complete(int pick, boolean stale) implements Op {}

  record Fail(int pick, boolean retryable) implements Op {}

  record Advance(long ms) implements Op {}

  record Recover() implements Op {}

  record Remove(int pick) implements Op {}

  record Retry(int pick) implements Op {}

  record Promote(int pick) implements Op {}

  record PauseToggle() implements Op {}

  @BeforeContainer
  static void startRedis() {
    redis = TestTopologies.server(RedisServerConfig.named("invariants"));
    vertx = Vertx.vertx();
  }

  @AfterContainer
  static void stopRedis() {
    vertx.close().await();
    redis.close();
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 3).flatMap(p -> Arbitraries.of(0L, 0L, 50L, 500L).map(d -> new Enqueue(p, d))),
        Arbitraries.just(new Fetch()),
        Arbitraries.integers().between(0, 9).flatMap(i -> Arbitraries.of(true, false).map(s -> new Complete(i, s))),
        Arbitraries.integers().between(0, 9).flatMap(i -> Arbitraries.of(true, false).map(r -> new Fail(i, r))),
        Arbitraries.of(10L, 100L, 1_000L, 40_000L).map(Advance::new),
        Arbitraries.just(new Recover()),
        Arbitraries.integers().between(0, 9).map(Remove::new),
        Arbitraries.integers().between(0, 9).map(Retry::new),
        Arbitraries.integers().between(0, 9).map(Promote::new),
        Arbitraries.just(new PauseToggle()));
    return op.list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 60)
  void everyJobIsInExactlyOneStructureThatAgreesWithItsHash(@ForAll("operations") List<Op> ops) {
    EngineSettings settings = TunedSettings.defaults(EngineFixture.PREFIX).retention(-1, -1, 0).lease(30_000, 30_000, 1).build();
    EngineFixture f = new EngineFixture(vertx, redis, settings);
    Model model = new Model();
    for (Op op : ops) {
      apply(f, model, op);
      checkInvariants(f, model);
    }
  }

  /** What the test knows: every job it created and did not remove, and the leases it holds. */
  static final class Model {
    final Set<String> jobs = new HashSet<>();
    final Map<String, Lease> leases = new HashMap<>();
    final List<Lease> oldLeases = new ArrayList<>();
    boolean paused;
  }

  private void apply(EngineFixture f, Model m, Op op) {
    List<String> ids = new ArrayList<>(m.jobs);
    ids.sort(String::compareTo);
    try {
      if (op instanceof Enqueue e) {
        m.jobs.add(f.engine.enqueuer().enqueue("p", NewJob.of("echo", "1")
            .withOptions(JobOptions.fromJson(new JsonObject().put("priority", e.priority()).put("delayMs", e.delayMs())))).await().id());
      } else if (op instanceof Fetch) {
        if (f.engine.transitions().fetch("p", "w").await() instanceof FetchOutcome.Fetched fetched) {
          m.leases.put(fetched.lease().jobId(), fetched.lease());
        }
      } else if (op instanceof Complete c) {
        Lease lease = pickLease(m, c.pick(), c.stale());
        if (lease != null) {
          f.engine.transitions().complete(lease, "1", null).await();
        }
      } else if (op instanceof Fail x) {
        Lease lease = pickLease(m, x.pick(), false);
        if (lease != null) {
          f.engine.transitions().fail(lease, "e", x.retryable() ? 100 : -1, null).await();
        }
      } else if (op instanceof Advance a) {
        f.clock.advance(a.ms());
      } else if (op instanceof Recover) {
        f.engine.recovery().recoverStalled("p", true).await();
      } else if (op instanceof Remove r && !ids.isEmpty()) {
        String id = ids.get(r.pick() % ids.size());
        try {
          f.engine.admin().remove("p", id).await();
          m.jobs.remove(id);
        } catch (io.vigil.core.error.JobNotFoundException gone) {
          m.jobs.remove(id);
        }
      } else if (op instanceof Retry r && !ids.isEmpty()) {
        f.engine.admin().retry("p", ids.get(r.pick() % ids.size())).await();
      } else if (op instanceof Promote p && !ids.isEmpty()) {
        f.engine.admin().promote("p", ids.get(p.pick() % ids.size())).await();
      } else if (op instanceof PauseToggle) {
        if (m.paused) {
          f.engine.admin().resume("p").await();
        } else {
          f.engine.admin().pause("p").await();
        }
        m.paused = !m.paused;
      }
    } catch (VigilException expected) {
      // Refusals (wrong state, stale lease) are part of the protocol; the invariants must still hold.
    }
  }

  private static Lease pickLease(Model m, int pick, boolean stale) {
    List<Lease> pool = new ArrayList<>(stale ? m.oldLeases : m.leases.values());
    if (pool.isEmpty()) {
      return null;
    }
    pool.sort((a, b) -> a.jobId().compareTo(b.jobId()));
    Lease lease = pool.get(pick % pool.size());
    if (!stale) {
      m.leases.remove(lease.jobId());
      m.oldLeases.add(lease);
    }
    return lease;
  }

  private void checkInvariants(EngineFixture f, Model m) {
    Map<String, String> placement = new HashMap<>();
    for (String structure : STRUCTURES) {
      for (String id : f.zset("p", structure)) {
        assertThat(placement.put(id, structure)).as("job %s in two structures", id).isNull();
      }
    }
    Set<String> hashes = new HashSet<>();
    for (String key : f.keys(EngineFixture.PREFIX + ":{p}:job:*")) {
      if (!key.endsWith(":data")) {
        hashes.add(key.substring(key.lastIndexOf(':') + 1));
      }
    }
    assertThat(placement.keySet()).as("structures hold exactly the job hashes").isEqualTo(hashes);
    assertThat(hashes).as("nothing lost").isEqualTo(m.jobs);
    for (String id : hashes) {
      assertThat(f.hget("p", id, "state")).as("state of %s", id).isEqualTo(placement.get(id));
      assertThat(f.hget("p", id, "data")).as("payload of %s", id).isNotNull();
    }
    QueueInfo info = f.engine.admin().info("p").await();
    long total = info.counts().values().stream().mapToLong(Long::longValue).sum();
    assertThat(total).isEqualTo(hashes.size());
    for (JobState state : JobState.values()) {
      long expected = placement.values().stream().filter(s -> s.equals(state.wireName())).count();
      assertThat(info.counts().get(state)).isEqualTo(expected);
    }
  }
}
