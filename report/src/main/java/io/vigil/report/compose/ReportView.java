package io.vigil.report.compose;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A report laid out for reading, in plain unescaped text: the title, a comparison table, one section per
 * competitor and the changes section. Markdown and HTML walk the same view and differ only in markup and
 * escaping, so every piece of page text passes through exactly one escape per format.
 */
public record ReportView(String title, List<String> intro, List<String> tableHeader, List<List<String>> tableRows,
                         List<Section> competitors, Section changes) {

  /** A titled block: label/value lines, then bullet lists. */
  public record Section(String heading, List<Field> fields, List<Bullets> lists) {}

  public record Field(String label, String value) {}

  public record Bullets(String label, List<String> items) {}

  private static final String CHANGES = "Changes since the last report";
  static final List<String> HEADER = List.of("Competitor", "Status", "Title", "Words", "Prices", "H1/H2",
      "Outbound links", "Fetch ms");

  public static ReportView of(JsonObject report) {
    JsonObject summary = report.getJsonObject("summary", new JsonObject());
    List<String> intro = List.of(
        "Project: " + report.getString("projectId"),
        "Generated: " + Instant.ofEpochMilli(report.getLong("generatedAt", 0L)) + " by job " + report.getString("jobId"),
        "Competitors: " + summary.getInteger("competitors", 0) + ", fetched " + summary.getInteger("fetched", 0)
            + ", unreachable " + summary.getInteger("unreachable", 0));
    List<List<String>> rows = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    for (Object o : report.getJsonArray("competitors", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      rows.add(row(c));
      sections.add(section(c));
    }
    return new ReportView(report.getString("title"), intro, HEADER, rows, sections,
        changes(report.getJsonObject("changes")));
  }

  private static List<String> row(JsonObject c) {
    JsonObject f = c.getJsonObject("facts");
    if (f == null) {
      return List.of(c.getString("name"), "unreachable", "", "", "", "", "", "");
    }
    return List.of(c.getString("name"), "HTTP " + f.getInteger("httpStatus") + (f.getBoolean("truncated", false) ? " (cut)" : ""),
        f.getString("title", ""), String.valueOf(f.getInteger("wordCount", 0)), prices(f),
        f.getJsonArray("h1", new JsonArray()).size() + "/" + f.getJsonArray("h2", new JsonArray()).size(),
        String.valueOf(f.getInteger("outboundLinks", 0)), String.valueOf(f.getLong("fetchMs", 0L)));
  }

  private static Section section(JsonObject c) {
    JsonObject f = c.getJsonObject("facts");
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("URL", c.getString("url")));
    if (f == null) {
      fields.add(new Field("Status", "unreachable: " + c.getString("error")));
      return new Section(c.getString("name"), fields, List.of());
    }
    if (f.getInteger("redirects", 0) > 0) {
      fields.add(new Field("Final URL", f.getString("finalUrl") + " (after " + f.getInteger("redirects") + " redirects)"));
    }
    fields.add(new Field("HTTP status", String.valueOf(f.getInteger("httpStatus"))));
    fields.add(new Field("Fetch time", f.getLong("fetchMs", 0L) + " ms"));
    if (f.getBoolean("truncated", false)) {
      fields.add(new Field("Note", "page cut at " + f.getInteger("bytes") + " bytes; facts cover only that part"));
    }
    fields.add(new Field("Title", f.getString("title", "")));
    fields.add(new Field("Description", f.getString("description") == null ? "(none)" : f.getString("description")));
    fields.add(new Field("Words", String.valueOf(f.getInteger("wordCount", 0))));
    fields.add(new Field("Outbound links", String.valueOf(f.getInteger("outboundLinks", 0))));
    fields.add(new Field("Prices", prices(f).isEmpty() ? "(none found)" : prices(f)));
    List<Bullets> lists = List.of(
        new Bullets("H1 headings", strings(f.getJsonArray("h1", new JsonArray()))),
        new Bullets("H2 headings", strings(f.getJsonArray("h2", new JsonArray()))));
    return new Section(c.getString("name"), fields, lists);
  }

  private static String prices(JsonObject facts) {
    return facts.getJsonArray("prices", new JsonArray()).stream().map(p -> ((JsonObject) p).getString("text"))
        .collect(Collectors.joining(", "));
  }

  private static Section changes(JsonObject changes) {
    if (changes == null) {
      return new Section(CHANGES, List.of(new Field("Changes", "first report for this project: nothing to compare")),
          List.of());
    }
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("Compared with", "job " + changes.getString("previousJobId") + " of "
        + Instant.ofEpochMilli(changes.getLong("previousGeneratedAt", 0L))));
    List<Bullets> lists = new ArrayList<>();
    addIfAny(lists, "Competitors added", strings(changes.getJsonArray("addedCompetitors", new JsonArray())));
    addIfAny(lists, "Competitors removed", strings(changes.getJsonArray("removedCompetitors", new JsonArray())));
    for (Object o : changes.getJsonArray("competitors", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      lists.add(new Bullets(c.getString("name"), changeLines(c)));
    }
    if (lists.isEmpty()) {
      fields.add(new Field("Changes", "none"));
    }
    return new Section(CHANGES, fields, lists);
  }

  private static List<String> changeLines(JsonObject c) {
    List<String> lines = new ArrayList<>();
    if (c.getString("note") != null) {
      lines.add(c.getString("note"));
    }
    JsonObject title = c.getJsonObject("title");
    if (title != null) {
      lines.add("Title changed: \"" + title.getString("from") + "\" → \"" + title.getString("to") + "\"");
    }
    headingLines(lines, "New", c.getJsonArray("headingsAdded"));
    headingLines(lines, "Removed", c.getJsonArray("headingsRemoved"));
    priceLines(lines, "New price", c.getJsonArray("pricesAdded"));
    priceLines(lines, "Price gone", c.getJsonArray("pricesRemoved"));
    return lines;
  }

  private static void headingLines(List<String> lines, String verb, JsonArray headings) {
    if (headings != null) {
      headings.forEach(h -> lines.add(verb + " " + ((JsonObject) h).getString("level") + ": " + ((JsonObject) h).getString("text")));
    }
  }

  private static void priceLines(List<String> lines, String label, JsonArray prices) {
    if (prices != null) {
      prices.forEach(p -> lines.add(label + ": " + ((JsonObject) p).getString("text")));
    }
  }

  private static void addIfAny(List<Bullets> lists, String label, List<String> items) {
    if (!items.isEmpty()) {
      lists.add(new Bullets(label, items));
    }
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
