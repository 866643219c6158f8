package io.vigil.report;

import java.util.Arrays;
import java.util.Locale;

/** The forms a report is rendered in; the job stores JSON and renders the others on request. */
public enum ReportFormat {
  MARKDOWN("markdown", "text/markdown"),
  HTML("html", "text/html"),
  JSON("json", "application/json");

  private final String wireName;
  private final String mediaType;

  ReportFormat(String wireName, String mediaType) {
    this.wireName = wireName;
    this.mediaType = mediaType;
  }

  public String wireName() {
    return wireName;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format named {@code value} (as in a payload or {@code ?format=}), or null. */
  public static ReportFormat fromWire(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.wireName.equals(v) || (f == MARKDOWN && v.equals("md"))).findFirst()
        .orElse(null);
  }

  /** The format served as {@code type/subtype} (no parameters), or null. */
  public static ReportFormat fromMediaType(String type, String subtype) {
    String media = (type + "/" + subtype).toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.mediaType.equals(media)).findFirst()
        .orElse(media.equals("text/x-markdown") ? MARKDOWN : null);
  }
}
