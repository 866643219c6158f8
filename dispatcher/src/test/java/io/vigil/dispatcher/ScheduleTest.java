package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.job.JobOptions;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static JsonObject body() {
    return new JsonObject().put("cron", "0 3 * * *").put("queue", "report-generation").put("name", "nightly-report");
  }

  @Test
  void apiFormWithOnlyRequiredFieldsGetsUtcFireOnceNullDataAndDefaultOptions() {
    Schedule schedule = Schedule.fromJson("nightly", body());

    assertThat(schedule).isEqualTo(new Schedule("nightly", "0 3 * * *", "UTC", "report-generation", "nightly-report",
        "null", JobOptions.DEFAULTS, MisfirePolicy.FIRE_ONCE));
    assertThat(schedule.toJson()).isEqualTo(body().put("id", "nightly").put("timezone", "UTC").putNull("data")
        .put("options", new JsonObject()).put("misfire", "fire-once"));
  }

  @Test
  void storedFormRoundTripsWithDataOptionsAndPolicy() {
    JsonObject json = body().put("timezone", "Europe/Berlin").put("data", new JsonObject().put("project", 7))
        .put("options", new JsonObject().put("attempts", 5).put("priority", 3)).put("misfire", "fire-all");

    Schedule schedule = Schedule.fromJson("nightly", json);

    assertThat(schedule.dataJson()).isEqualTo("{\"project\":7}");
    assertThat(schedule.options()).isEqualTo(JobOptions.fromJson(new JsonObject().put("attempts", 5).put("priority", 3)));
    assertThat(schedule.misfire()).isEqualTo(MisfirePolicy.FIRE_ALL);
    assertThat(Schedule.decode("nightly", schedule.toJson().encode())).isEqualTo(schedule);
  }

  @Test
  void fireJobIdIsDerivedFromScheduleAndFireTimeAndFitsTheJobIdLimit() {
    String longestId = "s".repeat(Schedule.MAX_ID_LENGTH);
    Schedule schedule = Schedule.fromJson(longestId, body());

    assertThat(Schedule.jobId("nightly", 1_777_777_777_000L)).isEqualTo("cron-nightly-1777777777000");
    assertThat(schedule.jobFor(9_999_999_999_999L).id()).hasSize(5 + Schedule.MAX_ID_LENGTH + 1 + 13);
  }

  @Test
  void badInputIsRefusedWithAMessageNamingTheField() {
    assertThatThrownBy(() -> Schedule.fromJson("a:b", body())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("scheduleId");
    assertThatThrownBy(() -> Schedule.fromJson("s".repeat(101), body())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most 100");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("every", "day"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'every' is not known");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("id", "other"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("differs from the path");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("misfire", "later"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("misfire must be one of [fire-once, skip, fire-all]");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("timezone", "Mars/Olympus")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("timezone");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("cron", "0 3 * *"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("has 4 fields");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("cron", 5))).isInstanceOf(InvalidRequestException.class)
        .hasMessage("cron must be a string");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("queue", "a b"))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("queue");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().putNull("name")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name is required");
    assertThatThrownBy(() -> Schedule.fromJson("n", body().put("options", new JsonObject().put("attempts", 0))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.attempts");
    assertThat(Schedule.fromJson("n", body().put("options", new JsonObject().put("removeOnComplete", 10))).options()
        .removeOnComplete().count()).isEqualTo(10);
    // A fire's once-marker, not its finished job, keeps it from running twice: removing at once is allowed.
    assertThat(Schedule.fromJson("n", body().put("options", new JsonObject().put("removeOnComplete", true))).options()
        .removeOnComplete().count()).isZero();
  }
}
