package io.vigil.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

  @Test
  void numbersOutOfRangeAreRefusedInsteadOfWrappingAround() {
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("attempts", 4294967297L)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("attempts");
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("timeoutMs", 1e30)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("timeoutMs");
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("removeOnComplete", 1e12)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("removeOnComplete");
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("priority", JobOptions.MAX_PRIORITY + 1)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("priority");
  }

  @Test
  void unknownOrMistypedOptionsAreRefused() {
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("atempts", 3)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("atempts");
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("delayMs", "soon")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("delayMs");
    assertThatThrownBy(() -> JobOptions.fromJson(new JsonObject().put("backoff", new JsonObject().put("type", "linear"))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("backoff.type");
  }

  @Test
  void theStoredFormRoundTripsAndKeepsOnlyWhatTheCallerSet() {
    JobOptions options = JobOptions.fromJson(new JsonObject().put("attempts", 5).put("removeOnComplete", true)
        .put("backoff", new JsonObject().put("type", "fixed").put("delayMs", 10)));
    assertThat(JobOptions.fromJson(options.toJson())).isEqualTo(options);
    assertThat(options.toJson().fieldNames()).containsExactlyInAnyOrder("attempts", "removeOnComplete", "backoff");
    assertThat(JobOptions.DEFAULTS.toJson().isEmpty()).isTrue();
  }

  @Test
  void exponentialBackoffDoublesAndJitterOnlyShortensTheDelay() {
    Backoff backoff = new Backoff(BackoffType.EXPONENTIAL, 100, 0.5);
    assertThat(backoff.delayAfter(1, 0)).isEqualTo(100);
    assertThat(backoff.delayAfter(3, 0)).isEqualTo(400);
    assertThat(backoff.delayAfter(3, 0.999)).isBetween(200L, 400L);
    assertThat(new Backoff(BackoffType.FIXED, 100, 0).delayAfter(5, 0.3)).isEqualTo(100);
  }
}
