package io.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import io.vigil.worker.support.WorkerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class WorkerRegistryTest {
  private static final long TTL = 1_000;
  private static final String INDEX = WorkerFixture.PREFIX + ":workers";

  private static WorkerInfo worker(String id, int active) {
    return new WorkerInfo(id, "host-a", 42, List.of("default", "report-generation"), 10, active, 1_700_000_000_000L, 0);
  }

  @Test
  void registryListsALiveWorkerAndDropsADeadOneAfterItsTtl(Vertx vertx, RedisNode redis) {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    WorkerRegistry registry = new WorkerRegistry(f.broker, WorkerFixture.PREFIX, clock, TTL);
    registry.heartbeat(worker("alive", 1)).await();
    registry.heartbeat(worker("dies", 2)).await();
    long start = clock.millis();

    clock.advance(600);
    registry.heartbeat(worker("alive", 3)).await();
    clock.advance(600);   // "dies" last beat 1200 ms ago, over its TTL; "alive" 600 ms ago

    List<WorkerInfo> live = registry.list().await();

    assertThat(live).containsExactly(worker("alive", 3).withHeartbeat(start + 600));
    registry.heartbeat(worker("alive", 3)).await();
    // The next heartbeat prunes the dead worker from the index; its info key expires by itself.
    assertThat(redis.command("ZRANGE", INDEX, "0", "-1")).isEqualTo(List.of("alive"));
    assertThat((Long) redis.command("PTTL", WorkerFixture.PREFIX + ":worker:dies")).isBetween(1L, TTL);
  }

  @Test
  void removedWorkerDisappearsAtOnceWithItsKeys(Vertx vertx, RedisNode redis) {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    WorkerRegistry registry = new WorkerRegistry(f.broker, WorkerFixture.PREFIX, clock, TTL);
    registry.heartbeat(worker("w1", 0)).await();
    registry.heartbeat(worker("w2", 0)).await();

    registry.remove("w1").await();

    assertThat(registry.list().await()).extracting(WorkerInfo::id).containsExactly("w2");
    assertThat(redis.command("KEYS", "*")).asList().containsExactlyInAnyOrder(INDEX, WorkerFixture.PREFIX + ":worker:w2");
  }

  @Test
  void emptyRegistryListsNothing(Vertx vertx, RedisNode redis) {
    WorkerFixture f = new WorkerFixture(vertx, redis);
    WorkerRegistry registry = new WorkerRegistry(f.broker, WorkerFixture.PREFIX, new MutableClock(0), TTL);

    assertThat(registry.list().await()).isEmpty();
  }
}
