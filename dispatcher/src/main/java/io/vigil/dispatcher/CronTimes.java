package io.vigil.dispatcher;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.model.time.generator.FieldValueGenerator;
import com.cronutils.model.time.generator.FieldValueGeneratorFactory;
import com.cronutils.parser.CronParser;
import io.vigil.core.error.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The fire times of one cron expression (Unix 5 fields or Quartz 6-7, told apart by count) in one time zone.
 * Daylight saving is settled as Vixie cron does, whatever the walk's start: wall-clock times a spring-forward gap
 * skips fire shifted by the gap (02:30 becomes 03:30 CEST), and a fall-back hour repeats only for schedules that
 * fire every hour.
 */
public final class CronTimes {
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
  private static final int MAX_CRON_LENGTH = 256;
  /** Longest gap a zone ever had (Samoa skipped a whole day in 2011), with margin. */
  private static final Duration LONGEST_GAP = Duration.ofDays(2);
  /** How far to look for a gap fire when the expression has no ordinary next fire at all. */
  private static final Duration GAP_SEARCH_HORIZON = Duration.ofDays(400);

  private final ZoneId zone;
  private final ZoneRules rules;
  private final ExecutionTime execution;
  private final boolean firesEveryHour;

  private CronTimes(ZoneId zone, Cron cron) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.execution = ExecutionTime.forCron(cron);
    FieldValueGenerator hours = FieldValueGeneratorFactory.forCronField(cron.retrieve(CronFieldName.HOUR));
    this.firesEveryHour = IntStream.range(0, 24).allMatch(hours::isMatch);
  }

  /** Parses and validates; bad input throws {@link InvalidRequestException} naming the field. */
  public static CronTimes parse(String cron, String timezone) {
    return new CronTimes(zone(timezone), parseCron(cron));
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first fire strictly after {@code after}; empty when the expression never fires again. */
  public Optional<Instant> nextAfter(Instant after) {
    Instant from = after.truncatedTo(ChronoUnit.SECONDS);
    // Each round skips one repeated hour; two rounds suffice, the bound only guards odd zone data.
    for (int round = 0; round < 8; round++) {
      Optional<Instant> candidate = candidateAfter(from);
      Instant repeatedHourEnd = candidate.map(this::endOfRepeatedHourToSkip).orElse(null);
      if (repeatedHourEnd == null) {
        return candidate;
      }
      from = repeatedHourEnd.minusSeconds(1);
    }
    return Optional.empty();
  }

  /** Real-time walk (cron-utils) plus gap fires, before the fall-back rule. */
  private Optional<Instant> candidateAfter(Instant from) {
    Instant best = execution.nextExecution(from.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
    Instant horizon = best != null ? best : from.plus(GAP_SEARCH_HORIZON);
    ZoneOffsetTransition transition = rules.nextTransition(from.minus(LONGEST_GAP));
    while (transition != null && !transition.getInstant().isAfter(horizon)) {
      if (transition.isGap()) {
        Instant shifted = firstShiftedFireInGap(transition, from);
        if (shifted != null && (best == null || shifted.isBefore(best))) {
          best = shifted;
          horizon = shifted;
        }
      }
      transition = rules.nextTransition(transition.getInstant());
    }
    return Optional.ofNullable(best);
  }

  /**
   * When {@code fire} falls in the second pass of a fall-back hour and the schedule does not fire every hour,
   * the end of that second pass (the fire already happened at the first pass); otherwise null.
   */
  private Instant endOfRepeatedHourToSkip(Instant fire) {
    if (firesEveryHour) {
      return null;
    }
    ZoneOffsetTransition transition = rules.previousTransition(fire.plusSeconds(1));
    if (transition == null || !transition.isOverlap()) {
      return null;
    }
    Instant secondPassEnd = transition.getInstant().plus(transition.getDuration().abs());
    return fire.isBefore(secondPassEnd) ? secondPassEnd : null;
  }

  public List<Instant> next(Instant after, int count) {
    return between(after, Instant.MAX, count);
  }

  /** Fires in {@code (afterExclusive, untilInclusive]}, earliest first, at most {@code max} of them. */
  public List<Instant> between(Instant afterExclusive, Instant untilInclusive, int max) {
    return Stream.iterate(nextAfter(afterExclusive), Optional::isPresent, fire -> nextAfter(fire.get()))
        .map(Optional::get).takeWhile(fire -> !fire.isAfter(untilInclusive)).limit(max).toList();
  }

  /**
   * The first fire after {@code after} among wall-clock times the gap skipped, shifted by the gap's length;
   * null when the expression wants no such time. One cron-utils call, evaluated on local time without DST.
   */
  private Instant firstShiftedFireInGap(ZoneOffsetTransition gap, Instant after) {
    LocalDateTime gapStart = gap.getDateTimeBefore();
    LocalDateTime gapEnd = gap.getDateTimeAfter();
    Duration gapLength = Duration.between(gapStart, gapEnd);
    if (!gap.getInstant().plus(gapLength).isAfter(after)) {
      return null;
    }
    // shifted = transition + (local - gapStart) is after `after` exactly when local > gapStart + (after - transition).
    Duration offsetIntoGap = Duration.between(gap.getInstant(), after);
    LocalDateTime cursor = offsetIntoGap.isNegative() ? gapStart.minusSeconds(1) : gapStart.plus(offsetIntoGap);
    Optional<ZonedDateTime> local = execution.nextExecution(cursor.atZone(ZoneOffset.UTC));
    if (local.isEmpty()) {
      return null;
    }
    LocalDateTime wanted = local.get().toLocalDateTime();
    if (wanted.isBefore(gapStart) || !wanted.isBefore(gapEnd)) {
      return null;
    }
    return gap.getInstant().plus(Duration.between(gapStart, wanted));
  }

  private static Cron parseCron(String cron) {
    if (cron == null || cron.isBlank()) {
      throw new InvalidRequestException("cron is required");
    }
    if (cron.length() > MAX_CRON_LENGTH) {
      throw new InvalidRequestException("cron is longer than " + MAX_CRON_LENGTH + " characters");
    }
    String[] fields = cron.trim().split("\\s+");
    CronParser parser = switch (fields.length) {
      case 5 -> UNIX;
      case 6, 7 -> QUARTZ;
      default -> throw new InvalidRequestException("cron '" + cron + "' has " + fields.length + " fields; use 5 (Unix: "
          + "minute hour day-of-month month day-of-week) or 6-7 (Quartz: second minute hour day-of-month month "
          + "day-of-week [year])");
    };
    try {
      return parser.parse(String.join(" ", fields)).validate();
    } catch (IllegalArgumentException e) {
      String form = parser == UNIX ? "Unix (minute hour day-of-month month day-of-week)"
          : "Quartz (second minute hour day-of-month month day-of-week [year]; '?' in day-of-month or "
              + "day-of-week, e.g. '*/5 * * * * ?')";
      throw new InvalidRequestException("cron '" + cron + "' is not a valid " + form + " expression: " + e.getMessage());
    }
  }

  private static ZoneId zone(String timezone) {
    if (timezone == null || timezone.isBlank() || timezone.length() > 64) {
      throw new InvalidRequestException("timezone is required: an IANA zone such as Europe/Berlin or UTC");
    }
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new InvalidRequestException("timezone '" + timezone + "' is not a known IANA time zone (e.g. Europe/Berlin, UTC)");
    }
  }
}
