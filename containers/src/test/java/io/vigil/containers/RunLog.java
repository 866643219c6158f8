package io.vigil.containers;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workers' run log ({@code io.vigil.worker.JobRunLog} at debug: a line per handler start and per acknowledged
 * completion) read back from their consoles, to count duplicate executions as core's ExecutionLedger does: a
 * handler started for a job whose completion had already been acknowledged. The consoles share the host's clock
 * (millisecond stamps); lines of the same millisecond keep their console's order, which is the order of one run's
 * start and its acknowledgement (a fast handler's often share a millisecond).
 */
final class RunLog {
  private static final Pattern LINE = Pattern.compile(
      "^(\\S+) DEBUG \\[[^]]*\\] io\\.vigil\\.worker\\.JobRunLog - job (run started|completion acknowledged) queue=(\\S+) job=(\\S+)");

  private record Event(long at, boolean completion, String job) {}

  private RunLog() {}

  /** Starts of a job on {@code queue} after one of its completions was acknowledged, over every console. */
  static long duplicateExecutions(String queue, Collection<String> consoles) {
    List<Event> events = new ArrayList<>();
    for (String console : consoles) {
      for (String line : console.split("\n")) {
        Matcher m = LINE.matcher(line);
        if (m.find() && m.group(3).equals(queue)) {
          events.add(new Event(OffsetDateTime.parse(m.group(1)).toInstant().toEpochMilli(),
              m.group(2).startsWith("completion"), m.group(4)));
        }
      }
    }
    events.sort(Comparator.comparingLong(Event::at)); // stable: a console's own order within a millisecond
    Set<String> acknowledged = new HashSet<>();
    long duplicates = 0;
    for (Event e : events) {
      if (e.completion()) {
        acknowledged.add(e.job());
      } else if (acknowledged.contains(e.job())) {
        duplicates++;
      }
    }
    return duplicates;
  }

  /** How many handler starts on {@code queue} the consoles logged: 0 means the run log is off. */
  static long starts(String queue, Collection<String> consoles) {
    return consoles.stream().flatMap(c -> c.lines()).filter(line -> LINE.matcher(line).find()
        && line.contains("job run started queue=" + queue + " ")).count();
  }
}
