package io.vigil.report.compose;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.report.compose.ReportView.Bullets;
import io.vigil.report.compose.ReportView.Field;
import io.vigil.report.compose.ReportView.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lays out the "changes since the last report" section of a {@link ReportView} as plain text lines. */
final class ChangeLines {
  static final String HEADING = "Changes since the last report";

  private ChangeLines() {}

  static Section section(JsonObject changes) {
    if (changes == null) {
      return new Section(HEADING, List.of(new Field("Changes", "first report for this project: nothing to compare")), List.of());
    }
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("Compared with", "job " + changes.getString("previousJobId") + " of "
        + Instant.ofEpochMilli(changes.getLong("previousGeneratedAt", 0L))));
    List<Bullets> lists = new ArrayList<>();
    addIfAny(lists, "Competitors added", ReportView.strings(changes.getJsonArray("addedCompetitors", new JsonArray())));
    addIfAny(lists, "Competitors removed", ReportView.strings(changes.getJsonArray("removedCompetitors", new JsonArray())));
    for (Object o : changes.getJsonArray("competitors", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      lists.add(new Bullets(c.getString("name"), lines(c)));
    }
    if (lists.isEmpty()) {
      fields.add(new Field("Changes", "none"));
    }
    return new Section(HEADING, fields, lists);
  }

  private static List<String> lines(JsonObject c) {
    List<String> lines = new ArrayList<>();
    if (c.getString("note") != null) {
      lines.add(c.getString("note"));
    }
    JsonObject title = c.getJsonObject("title");
    if (title != null) {
      lines.add("Title changed: \"" + title.getString("from") + "\" → \"" + title.getString("to") + "\"");
    }
    headings(lines, "New", c.getJsonArray("headingsAdded"));
    headings(lines, "Removed", c.getJsonArray("headingsRemoved"));
    prices(lines, "New price", c.getJsonArray("pricesAdded"));
    prices(lines, "Price gone", c.getJsonArray("pricesRemoved"));
    return lines;
  }

  private static void headings(List<String> lines, String verb, JsonArray headings) {
    if (headings != null) {
      headings.forEach(h -> lines.add(verb + " " + ((JsonObject) h).getString("level") + ": " + ((JsonObject) h).getString("text")));
    }
  }

  private static void prices(List<String> lines, String label, JsonArray prices) {
    if (prices != null) {
      prices.forEach(p -> lines.add(label + ": " + ((JsonObject) p).getString("text")));
    }
  }

  private static void addIfAny(List<Bullets> lists, String label, List<String> items) {
    if (!items.isEmpty()) {
      lists.add(new Bullets(label, items));
    }
  }
}
