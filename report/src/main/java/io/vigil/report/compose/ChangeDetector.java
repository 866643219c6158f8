package io.vigil.report.compose;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.report.facts.Price;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Compares a report's competitors with the previous report of the same project: competitors added or
 * removed, and per competitor the title, the h1/h2 headings and the prices that changed. Works on the stored
 * JSON, so a previous report written by an older version still compares on the fields it has.
 */
public final class ChangeDetector {
  private ChangeDetector() {}

  /** The "changes" section, or null when there is no previous report. */
  public static JsonObject changes(JsonArray current, JsonObject previous) {
    if (previous == null) {
      return null;
    }
    Map<String, JsonObject> before = byName(previous.getJsonArray("competitors", new JsonArray()));
    Map<String, JsonObject> now = byName(current);
    JsonArray perCompetitor = new JsonArray();
    JsonArray added = new JsonArray();
    for (Map.Entry<String, JsonObject> e : now.entrySet()) {
      JsonObject old = before.get(e.getKey());
      if (old == null) {
        added.add(e.getKey());
        continue;
      }
      JsonObject change = compare(e.getKey(), old, e.getValue());
      if (change.size() > 1) {
        perCompetitor.add(change);
      }
    }
    JsonArray removed = new JsonArray();
    before.keySet().stream().filter(name -> !now.containsKey(name)).forEach(removed::add);
    return new JsonObject()
        .put("previousJobId", previous.getString("jobId"))
        .put("previousGeneratedAt", previous.getLong("generatedAt"))
        .put("addedCompetitors", added)
        .put("removedCompetitors", removed)
        .put("competitors", perCompetitor);
  }

  private static JsonObject compare(String name, JsonObject old, JsonObject now) {
    JsonObject change = new JsonObject().put("name", name);
    JsonObject was = old.getJsonObject("facts");
    JsonObject is = now.getJsonObject("facts");
    if (was == null || is == null) {
      if (was != null) {
        change.put("note", "unreachable now, so not compared");
      } else if (is != null) {
        change.put("note", "was unreachable last time, so not compared");
      }
      return change;
    }
    String oldTitle = was.getString("title", "");
    String newTitle = is.getString("title", "");
    if (!Objects.equals(oldTitle, newTitle)) {
      change.put("title", new JsonObject().put("from", oldTitle).put("to", newTitle));
    }
    List<JsonObject> oldHeadings = headings(was);
    List<JsonObject> newHeadings = headings(is);
    putIfAny(change, "headingsAdded", minus(newHeadings, oldHeadings));
    putIfAny(change, "headingsRemoved", minus(oldHeadings, newHeadings));
    Map<String, JsonObject> oldPrices = prices(was);
    Map<String, JsonObject> newPrices = prices(is);
    putIfAny(change, "pricesAdded", missingFrom(newPrices, oldPrices));
    putIfAny(change, "pricesRemoved", missingFrom(oldPrices, newPrices));
    return change;
  }

  private static List<JsonObject> headings(JsonObject facts) {
    return Stream.of("h1", "h2").flatMap(level -> facts.getJsonArray(level, new JsonArray()).stream()
        .map(text -> new JsonObject().put("level", level).put("text", String.valueOf(text)))).toList();
  }

  /** Prices by currency and value, so "$49" and "USD 49.00" are the same price. */
  private static Map<String, JsonObject> prices(JsonObject facts) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (Object p : facts.getJsonArray("prices", new JsonArray())) {
      if (p instanceof JsonObject price && price.getString("currency") != null && price.getString("amount") != null) {
        out.putIfAbsent(Price.key(price.getString("currency"), price.getString("amount")), price);
      }
    }
    return out;
  }

  private static List<JsonObject> minus(List<JsonObject> a, List<JsonObject> b) {
    return a.stream().filter(x -> !b.contains(x)).toList();
  }

  private static List<JsonObject> missingFrom(Map<String, JsonObject> a, Map<String, JsonObject> b) {
    return a.entrySet().stream().filter(e -> !b.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
  }

  private static void putIfAny(JsonObject change, String field, List<JsonObject> items) {
    if (!items.isEmpty()) {
      change.put(field, new JsonArray(new ArrayList<>(items)));
    }
  }

  private static Map<String, JsonObject> byName(JsonArray competitors) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (Object c : competitors) {
      if (c instanceof JsonObject json && json.getString("name") != null) {
        out.put(json.getString("name"), json);
      }
    }
    return out;
  }
}
