package io.vigil.core.queue;

import static io.vigil.core.queue.EnqueueTest.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.LeaseMismatchException;
import io.vigil.core.job.JobOptions;
import io.vigil.core.support.EngineFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class CompleteBatchTest {

  @Test
  void oneCallCompletesEveryJobAndLeasesTheNextForEachThatAsks(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String a = submit(f, "q", JobOptions.DEFAULTS);
    String b = submit(f, "q", JobOptions.DEFAULTS);
    String c = submit(f, "q", JobOptions.DEFAULTS);
    submit(f, "q", JobOptions.DEFAULTS);
    Lease first = fetch(f, "w");
    Lease second = fetch(f, "w");

    List<Future<FetchOutcome>> out = f.engine.transitions().completeBatch("q", "w", List.of(
        new Completion(first, "\"one\"", f.engine.transitions().newLeaseToken()),
        new Completion(second, "\"two\"", null))).await();

    assertThat(List.of(first.jobId(), second.jobId())).containsExactly(a, b);
    assertThat(((FetchOutcome.Fetched) out.get(0).result()).lease().jobId()).isEqualTo(c);
    assertThat(out.get(1).result()).isNull();
    assertThat(f.zset("q", "completed")).containsExactlyInAnyOrder(a, b);
    assertThat(f.zset("q", "active")).containsExactly(c);
    assertThat(f.hget("q", a, "result")).isEqualTo("\"one\"");
    assertThat(f.hget("q", b, "result")).isEqualTo("\"two\"");
    assertThat(f.hget("q", c, "worker")).isEqualTo("w");
  }

  @Test
  void aRepeatedBatchFindsItsWorkDoneAndTheSameNextJobs(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    for (int i = 0; i < 4; i++) {
      submit(f, "q", JobOptions.DEFAULTS);
    }
    List<Completion> batch = List.of(new Completion(fetch(f, "w"), "1", f.engine.transitions().newLeaseToken()),
        new Completion(fetch(f, "w"), "2", f.engine.transitions().newLeaseToken()));

    List<Future<FetchOutcome>> once = f.engine.transitions().completeBatch("q", "w", batch).await();
    List<Future<FetchOutcome>> again = f.engine.transitions().completeBatch("q", "w", batch).await();

    for (int i = 0; i < 2; i++) {
      assertThat(((FetchOutcome.Fetched) again.get(i).result()).lease().jobId())
          .isEqualTo(((FetchOutcome.Fetched) once.get(i).result()).lease().jobId());
      assertThat(f.hget("q", batch.get(i).lease().jobId(), "atm")).isEqualTo("1");
    }
    assertThat(f.zset("q", "active")).hasSize(2);
    assertThat(f.zset("q", "waiting")).isEmpty();
    assertThat(f.engine.events().readAfter("q", "0", 50).await()).filteredOn(e -> e.event().equals("completed")).hasSize(2);
  }

  @Test
  void aStaleLeaseIsRefusedAloneWhileTheRestComplete(Vertx vertx, RedisNode redis) {
    EngineFixture f = new EngineFixture(vertx, redis);
    String a = submit(f, "q", JobOptions.DEFAULTS);
    String b = submit(f, "q", JobOptions.DEFAULTS);
    Lease mine = fetch(f, "w");
    Lease other = fetch(f, "w");
    Lease stale = new Lease(other.job(), "not-the-token", other.expiresAt());

    List<Future<FetchOutcome>> out = f.engine.transitions().completeBatch("q", "w", List.of(
        new Completion(mine, "1", null), new Completion(stale, "2", null))).await();

    assertThat(out.get(0).succeeded()).isTrue();
    assertThat(out.get(1).cause()).isInstanceOf(LeaseMismatchException.class);
    assertThat(f.zset("q", "completed")).containsExactly(a);
    assertThat(f.zset("q", "active")).containsExactly(b);
    assertThat(f.engine.admin().info("q").await().staleResults()).isEqualTo(1);
  }

  private static Lease fetch(EngineFixture f, String worker) {
    return ((FetchOutcome.Fetched) f.engine.transitions().fetch("q", worker).await()).lease();
  }
}
