package io.vigil.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({VertxExtension.class, RedisExtension.class})
class ReportStoreTest {
  private static final long KEEP_MS = 3_600_000;
  private final MutableClock clock = new MutableClock(1_000);
  private RedisNode redis;
  private ReportStore store;

  @BeforeEach
  void setUp(Vertx vertx, RedisNode redis) {
    this.redis = redis;
    redis.flushAll();
    Broker broker = RedisConnector.connect(vertx, RedisSettings.standalone(redis.host(), redis.port())).await();
    store = new ReportStore(broker, "vr", clock, KEEP_MS);
  }

  private void save(long at, String jobId, String marker) {
    clock.set(at);
    store.save("p1", jobId, new JsonObject().put("jobId", jobId).put("marker", marker)).await();
  }

  private static String marker(JsonObject report) {
    return report == null ? null : report.getString("marker");
  }

  @Test
  void latestIsTheNewestSaveAndPreviousIsTheOneBeforeIt() {
    assertThat(store.latest("p1").await()).isNull();
    assertThat(store.previousFor("p1", "a").await()).isNull();

    save(1_000, "a", "a1");
    save(2_000, "b", "b1");

    assertThat(marker(store.latest("p1").await())).isEqualTo("b1");
    assertThat(marker(store.previousFor("p1", "b").await())).isEqualTo("a1");
    assertThat(marker(store.previousFor("p1", "c").await())).isEqualTo("b1");
    assertThat(keys()).containsExactly("vr:{report:p1}:history", "vr:{report:p1}:job:a", "vr:{report:p1}:job:b");
  }

  @Test
  void aRetriedSaveReplacesItsOwnReportAndKeepsItsPrevious() {
    save(1_000, "a", "a1");
    save(2_000, "b", "b1");

    save(3_000, "b", "b2");

    assertThat(marker(store.latest("p1").await())).isEqualTo("b2");
    assertThat(marker(store.previousFor("p1", "b").await())).isEqualTo("a1");
    assertThat(redis.command("ZRANGE", "vr:{report:p1}:history", "0", "-1", "WITHSCORES"))
        .isEqualTo(List.of("a", "1000", "b", "2000"));
  }

  @Test
  void aRetryFinishingAfterANewerReportDoesNotTakeItsPlace() {
    save(1_000, "a", "a1");
    save(2_000, "b", "b1");
    save(3_000, "c", "c1");

    save(4_000, "b", "b2");

    assertThat(marker(store.latest("p1").await())).isEqualTo("c1");
    assertThat(marker(store.previousFor("p1", "b").await())).isEqualTo("a1");
    assertThat(marker(store.previousFor("p1", "c").await())).isEqualTo("b2");
  }

  @Test
  void keepsTheNewestReportsOnlyAndEverythingExpires() {
    for (int i = 1; i <= 5; i++) {
      save(i * 1_000L, "j" + i, "m" + i);
    }

    assertThat(keys()).containsExactly("vr:{report:p1}:history", "vr:{report:p1}:job:j3", "vr:{report:p1}:job:j4",
        "vr:{report:p1}:job:j5");
    for (String key : keys()) {
      assertThat((Long) redis.command("PTTL", key)).isBetween(KEEP_MS - 60_000, KEEP_MS);
    }
    assertThat(marker(store.latest("p1").await())).isEqualTo("m5");
  }

  @Test
  void projectsAreSeparateAndIdsAreValidated() {
    save(1_000, "a", "a1");

    assertThat(store.latest("p2").await()).isNull();
    assertThatThrownBy(() -> store.latest("p1}:x").await()).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("projectId");
  }

  @SuppressWarnings("unchecked")
  private List<String> keys() {
    List<String> out = new ArrayList<>();
    ((List<Object>) redis.command("KEYS", "*")).forEach(k -> out.add(String.valueOf(k)));
    Collections.sort(out);
    return out;
  }
}
