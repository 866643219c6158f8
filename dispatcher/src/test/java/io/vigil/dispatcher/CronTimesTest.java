package io.vigil.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.error.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronTimesTest {

  private static List<Instant> instants(String... iso) {
    return java.util.Arrays.stream(iso).map(Instant::parse).toList();
  }

  @Test
  void unixFormFiresOnMinutesAndQuartzFormOnSeconds() {
    Instant start = Instant.parse("2026-05-01T10:00:00.400Z");

    List<Instant> unix = CronTimes.parse("*/15 * * * *", "UTC").next(start, 3);
    List<Instant> quartz = CronTimes.parse("*/2 * * * * ?", "UTC").next(start, 3);
    List<Instant> quartzWithYear = CronTimes.parse("0 0 12 1 1 ? 2027", "UTC").next(start, 2);

    assertThat(unix).isEqualTo(instants("2026-05-01T10:15:00Z", "2026-05-01T10:30:00Z", "2026-05-01T10:45:00Z"));
    assertThat(quartz).isEqualTo(instants("2026-05-01T10:00:02Z", "2026-05-01T10:00:04Z", "2026-05-01T10:00:06Z"));
    assertThat(quartzWithYear).isEqualTo(instants("2027-01-01T12:00:00Z"));
  }

  @Test
  void dailyFireAt0230BerlinHappensOnceOnTheSpringForwardDayShiftedByTheGap() {
    // 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST, so 02:30 does not exist that day.
    CronTimes times = CronTimes.parse("30 2 * * *", "Europe/Berlin");

    List<Instant> fires = times.next(Instant.parse("2026-03-27T12:00:00Z"), 4);

    assertThat(fires).isEqualTo(instants(
        "2026-03-28T01:30:00Z",   // 02:30 CET
        "2026-03-29T01:30:00Z",   // 03:30 CEST: the missing 02:30, shifted by the one-hour gap
        "2026-03-30T00:30:00Z",   // 02:30 CEST
        "2026-03-31T00:30:00Z"));
  }

  @Test
  void dailyFireAt0230BerlinHappensOnceOnTheFallBackDay() {
    // 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice; it fires at the first.
    CronTimes times = CronTimes.parse("30 2 * * *", "Europe/Berlin");

    List<Instant> fires = times.next(Instant.parse("2026-10-23T12:00:00Z"), 4);

    assertThat(fires).isEqualTo(instants(
        "2026-10-24T00:30:00Z",   // 02:30 CEST
        "2026-10-25T00:30:00Z",   // the first 02:30 (CEST); the second one (01:30Z) does not fire
        "2026-10-26T01:30:00Z",   // 02:30 CET
        "2026-10-27T01:30:00Z"));
    // The answer does not depend on where the walk starts: from inside the repeated hour, too.
    assertThat(times.nextAfter(Instant.parse("2026-10-25T00:45:00Z"))).contains(Instant.parse("2026-10-26T01:30:00Z"));
    assertThat(times.nextAfter(Instant.parse("2026-10-25T01:10:00Z"))).contains(Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void quartzFormAt0230BerlinBehavesLikeTheUnixFormAcrossBothChanges() {
    CronTimes times = CronTimes.parse("0 30 2 * * ?", "Europe/Berlin");

    assertThat(times.between(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T23:59:59Z"), 10))
        .isEqualTo(instants("2026-03-29T01:30:00Z"));
    assertThat(times.between(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T22:59:59Z"), 10))
        .isEqualTo(instants("2026-10-25T00:30:00Z"));
  }

  @Test
  void frequentScheduleKeepsFiringInRealTimeAcrossBothChanges() {
    CronTimes times = CronTimes.parse("*/30 * * * *", "Europe/Berlin");

    List<Instant> spring = times.between(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T02:00:00Z"), 10);
    List<Instant> fall = times.between(Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T02:00:00Z"), 10);

    assertThat(spring).isEqualTo(instants("2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z",
        "2026-03-29T02:00:00Z"));
    // Through the repeated hour: 02:30 CEST, 02:00 CET, 02:30 CET, 03:00 CET.
    assertThat(fall).isEqualTo(instants("2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
        "2026-10-25T02:00:00Z"));
  }

  @Test
  void fireTimesWalkStrictlyForwardAndStopAtTheBound() {
    CronTimes times = CronTimes.parse("* * * * * ?", "UTC");

    List<Instant> fires = times.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:05Z"), 3);

    assertThat(fires).isEqualTo(instants("2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z"));
  }

  @Test
  void malformedCronIsRefusedWithAMessageNamingTheForm() {
    assertThatThrownBy(() -> CronTimes.parse("* * * *", "UTC")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("has 4 fields").hasMessageContaining("Unix").hasMessageContaining("Quartz");
    assertThatThrownBy(() -> CronTimes.parse("61 * * * *", "UTC")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not a valid Unix");
    assertThatThrownBy(() -> CronTimes.parse("* * * * * *", "UTC")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not a valid Quartz").hasMessageContaining("'?'");
    assertThatThrownBy(() -> CronTimes.parse("every day", "UTC")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> CronTimes.parse(" ", "UTC")).isInstanceOf(InvalidRequestException.class)
        .hasMessage("cron is required");
  }

  @Test
  void unknownTimeZoneIsRefused() {
    assertThatThrownBy(() -> CronTimes.parse("0 * * * *", "Europe/Atlantis")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("'Europe/Atlantis' is not a known IANA time zone");
    assertThatThrownBy(() -> CronTimes.parse("0 * * * *", "not a zone!")).isInstanceOf(InvalidRequestException.class);
    assertThat(CronTimes.parse("0 * * * *", "America/Argentina/Buenos_Aires").zone().getId())
        .isEqualTo("America/Argentina/Buenos_Aires");
  }

  @Test
  void expressionThatNeverMatchesHasNoNextFire() {
    assertThat(CronTimes.parse("0 0 31 2 *", "UTC").nextAfter(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
  }
}
