package io.vigil.gateway.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.gateway.fuzz.RawHttp.Answer;
import io.vigil.gateway.fuzz.RawHttp.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks and tallies the campaign's answers (from several threads): no 5xx, every 4xx a problem+json whose status
 * matches, every answer or close within the limit, a silent close only where Vert.x drops the request; collects
 * the jobs of accepted submissions ({@code queue/id}).
 */
public final class Campaign {
  private final long limitMs;
  private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
  private final Set<String> accepted = Collections.synchronizedSet(new TreeSet<>());
  private final Map<String, List<String>> failures = new TreeMap<>();
  private int total;

  public Campaign(long limitMs) {
    this.limitMs = limitMs;
  }

  /**
   * {@code mayClose}: a close without an answer is allowed; {@code unfinished}: the request was never complete, so
   * it must not be accepted; {@code unknownVersion}: Vert.x's own bodiless 501 is expected.
   */
  public void record(String category, String shown, boolean head, boolean mayClose, boolean unfinished,
                     boolean unknownVersion, Answer answer) {
    String status = answer.outcome() == Outcome.ANSWERED ? Integer.toString(answer.status())
        : answer.outcome().name().toLowerCase(java.util.Locale.ROOT);
    synchronized (this) {
      total++;
      counts.computeIfAbsent(category, c -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }
    String problem = unknownVersion && answer.status() == 501 && answer.body().length == 0 ? null
        : check(head, mayClose, unfinished, answer);
    if (problem != null) {
      synchronized (this) {
        String reason = category + " " + status + ": " + problem;
        failures.computeIfAbsent(reason, r -> new ArrayList<>()).add(shown + " (" + answer.millisAfterSent() + " ms)");
      }
    }
    if (answer.status() == 200 || answer.status() == 201) {
      collectJobs(shown, answer);
    }
  }

  private String check(boolean head, boolean mayClose, boolean unfinished, Answer answer) {
    if (answer.outcome() == Outcome.TIMED_OUT || answer.millisAfterSent() > limitMs) {
      return "no answer or close within " + limitMs + " ms";
    }
    if (answer.outcome() == Outcome.CLOSED_WITHOUT_ANSWER) {
      return mayClose ? null : "closed without an answer";
    }
    int status = answer.status();
    if (status < 200 || status >= 500) {
      return "status";
    }
    if (status < 400) {
      return unfinished ? "an unfinished request was accepted" : null;
    }
    if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
      return "4xx without problem+json: " + answer.contentType();
    }
    if (head) {
      return null;
    }
    try {
      JsonObject problem = new JsonObject(answer.bodyText());
      return problem.getInteger("status") == status && !problem.getString("code", "").isEmpty() ? null
          : "problem body does not match: " + answer.bodyText();
    } catch (RuntimeException e) {
      return "problem body is not JSON: " + answer.bodyText();
    }
  }

  /** A job (single submit: its queue and id) or jobs (bulk, queue q) that an accepted POST created or returned. */
  private void collectJobs(String shown, Answer answer) {
    if (!shown.startsWith("POST ") || answer.body().length == 0 || answer.contentType() == null
        || !answer.contentType().startsWith("application/json")) {
      return;
    }
    JsonObject body = new JsonObject(answer.bodyText());
    JsonArray jobs = body.getJsonArray("jobs");
    if (jobs != null) {
      jobs.forEach(j -> accepted.add("q/" + ((JsonObject) j).getString("id")));
    } else if (body.containsKey("id") && body.containsKey("queue")) {
      accepted.add(body.getString("queue") + "/" + body.getString("id"));
    }
  }

  public synchronized int total() {
    return total;
  }

  /** Each kind of failure with its count and first three requests. */
  public synchronized List<String> failures() {
    return failures.entrySet().stream().map(e -> e.getValue().size() + " x " + e.getKey() + "; e.g. "
        + e.getValue().subList(0, Math.min(3, e.getValue().size()))).toList();
  }

  public Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  /** One line per category: its request count and its answers by status. */
  public synchronized String table() {
    StringBuilder out = new StringBuilder();
    counts.forEach((category, byStatus) -> out.append(String.format("  %-20s %6d  %s%n", category,
        byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus)));
    return out.toString();
  }
}
