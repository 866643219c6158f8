package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.dispatcher.support.DispatcherFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class ScheduleStoreTest {
  private static final String SCHEDULES = DispatcherFixture.PREFIX + ":schedules";
  private static final String HANDLED_UNTIL = DispatcherFixture.PREFIX + ":schedules:handled-until";

  private static Schedule schedule(String id, String cron) {
    return Schedule.fromJson(id, new JsonObject().put("cron", cron).put("queue", "q").put("name", "tick")
        .put("data", new JsonObject().put("n", 1)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> hash(DispatcherFixture f, String key) {
    List<Object> flat = (List<Object>) f.redis.command("HGETALL", key);
    Map<String, String> out = new java.util.TreeMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      out.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return out;
  }

  @Test
  void newScheduleIsStoredInItsApiFormWithItsWatermarkAtNow(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);
    Schedule nightly = schedule("nightly", "0 3 * * *");

    boolean created = store.put(nightly).await();

    assertThat(created).isTrue();
    assertThat(f.stateKeys("*")).containsExactly(SCHEDULES, HANDLED_UNTIL);
    assertThat(hash(f, SCHEDULES)).containsExactly(Map.entry("nightly", nightly.toJson().encode()));
    assertThat(hash(f, HANDLED_UNTIL)).containsExactly(Map.entry("nightly", Long.toString(f.clock.millis())));
    assertThat(store.get("nightly").await()).contains(nightly);
  }

  @Test
  void replacedScheduleKeepsItsWatermark(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);
    store.put(schedule("nightly", "0 3 * * *")).await();
    long firstPut = f.clock.millis();
    f.clock.advance(60_000);

    boolean created = store.put(schedule("nightly", "0 4 * * *")).await();

    assertThat(created).isFalse();
    assertThat(store.get("nightly").await().orElseThrow().cron()).isEqualTo("0 4 * * *");
    assertThat(hash(f, HANDLED_UNTIL)).containsExactly(Map.entry("nightly", Long.toString(firstPut)));
  }

  @Test
  void listIsSortedByIdAndDeleteRemovesTheScheduleAndItsState(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);
    store.put(schedule("b", "0 3 * * *")).await();
    store.put(schedule("a", "*/5 * * * * ?")).await();

    assertThat(store.list().await()).extracting(Schedule::id).containsExactly("a", "b");
    assertThat(store.delete("a").await()).isTrue();
    assertThat(store.delete("a").await()).isFalse();

    assertThat(store.list().await()).extracting(Schedule::id).containsExactly("b");
    assertThat(hash(f, HANDLED_UNTIL)).containsOnlyKeys("b");
    assertThat(store.get("a").await()).isEmpty();
  }

  @Test
  void unreadableStoredScheduleIsSkippedNotFatal(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);
    store.put(schedule("good", "0 3 * * *")).await();
    redis.command("HSET", SCHEDULES, "broken", "{not json");

    assertThat(store.list().await()).extracting(Schedule::id).containsExactly("good");
    assertThat(store.snapshot().await()).extracting(s -> s.schedule().id()).containsExactly("good");
  }

  @Test
  void watermarkOnlyMovesForwardAndNeverComesBackForADeletedSchedule(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);
    store.put(schedule("s", "* * * * *")).await();
    long start = f.clock.millis();

    assertThat(store.advance("s", start + 5_000).await()).isEqualTo(1L);
    assertThat(store.advance("s", start + 1_000).await()).isZero();
    assertThat(store.snapshot().await()).containsExactly(new ScheduleSnapshot(schedule("s", "* * * * *"), start + 5_000));
    store.delete("s").await();
    assertThat(store.advance("s", start + 9_000).await()).isEqualTo(-1L);
    assertThat(f.stateKeys("*")).isEmpty();
  }

  @Test
  void cronThatNeverFiresAgainAndBadIdsAreRefused(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);

    assertThatThrownBy(() -> store.put(schedule("feb30", "0 0 30 2 *")).await())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("never fires");
    assertThatThrownBy(() -> store.put(schedule("past", "0 0 12 1 1 ? 2020")).await())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("never fires");
    assertThatThrownBy(() -> store.get("a{b}").await()).isInstanceOf(InvalidRequestException.class);
    assertThat(f.keys("*")).isEmpty();
  }

  @Test
  void nextFiresAreCountedFromNow(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(f.broker, DispatcherFixture.PREFIX, f.clock);
    // The fixture clock starts at 2023-11-14T22:13:20Z.
    assertThat(store.nextFires(schedule("s", "0 * * * *"), 2))
        .containsExactly(Instant.parse("2023-11-14T23:00:00Z"), Instant.parse("2023-11-15T00:00:00Z"));
  }

  @Test
  void scheduleChangesTheBrokerSendsAgainAfterTheyAppliedAnswerAsTheFirstDid(Vertx vertx, RedisNode redis) {
    DispatcherFixture f = new DispatcherFixture(vertx, redis);
    ScheduleStore store = new ScheduleStore(new ResendingBroker(f.broker), DispatcherFixture.PREFIX, f.clock);

    boolean created = store.put(schedule("nightly", "0 3 * * *")).await();
    boolean deleted = store.delete("nightly").await();

    assertThat(created).isTrue();
    assertThat(deleted).isTrue();
    assertThat(f.stateKeys("*")).isEmpty();
  }

  /** Sends every durable call twice, as the failover broker does when the master changed after the first run. */
  private record ResendingBroker(io.vigil.core.redis.Broker delegate) implements io.vigil.core.redis.Broker {
    @Override
    public io.vertx.core.Future<io.vertx.redis.client.Response> evalDurable(io.vigil.core.script.Script script,
        List<String> keys, List<String> args) {
      return delegate.evalDurable(script, keys, args).compose(first -> delegate.evalDurable(script, keys, args));
    }

    @Override
    public io.vertx.core.Future<io.vertx.redis.client.Response> eval(io.vigil.core.script.Script script,
        List<String> keys, List<String> args) {
      return delegate.eval(script, keys, args);
    }

    @Override
    public io.vertx.core.Future<io.vertx.redis.client.Response> send(io.vertx.redis.client.Request request) {
      return delegate.send(request);
    }

    @Override
    public io.vertx.core.Future<List<io.vertx.redis.client.Response>> batch(List<io.vertx.redis.client.Request> requests) {
      return delegate.batch(requests);
    }

    @Override
    public io.vertx.core.Future<io.vigil.core.redis.BlockingChannel> openBlockingChannel() {
      return delegate.openBlockingChannel();
    }

    @Override
    public io.vertx.core.Future<Void> close() {
      return io.vertx.core.Future.succeededFuture();
    }
  }
}
