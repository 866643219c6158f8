package io.vigil.report;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.core.keys.Names;
import io.vigil.report.fetch.FetchException;
import io.vigil.report.fetch.PageFetcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A report-generation payload, validated:
 * {@code {"projectId", "title"?, "competitors": [{"name", "url"}], "format": "markdown"|"html"|"json"}}.
 * Every error names the field, so the job fails permanently with a message the caller can act on.
 */
public record ReportRequest(String projectId, String title, List<Competitor> competitors, ReportFormat format) {
  private static final Set<String> FIELDS = Set.of("projectId", "title", "competitors", "format");
  private static final int MAX_TITLE = 200;
  private static final int MAX_NAME = 100;

  public record Competitor(String name, String url) {
    public JsonObject toJson() {
      return new JsonObject().put("name", name).put("url", url);
    }
  }

  public ReportRequest {
    competitors = List.copyOf(competitors);
  }

  public static ReportRequest parse(String dataJson, int maxCompetitors) {
    Object decoded;
    try {
      decoded = Json.decodeValue(dataJson);
    } catch (DecodeException e) {
      throw new InvalidRequestException("payload must be JSON: " + e.getMessage());
    }
    if (!(decoded instanceof JsonObject json)) {
      throw new InvalidRequestException("payload must be an object {projectId, title?, competitors, format}");
    }
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidRequestException("payload field '" + field + "' is not known; known: " + FIELDS);
      }
    }
    String projectId = string(json, "projectId");
    if (projectId == null || !Names.isValidId(projectId)) {
      throw new InvalidRequestException("projectId is required and must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
    String title = string(json, "title");
    if (title != null && (title.isBlank() || title.length() > MAX_TITLE)) {
      throw new InvalidRequestException("title must be 1 to " + MAX_TITLE + " characters when given");
    }
    ReportFormat format = ReportFormat.fromWire(string(json, "format"));
    if (format == null) {
      throw new InvalidRequestException("format is required: markdown, html or json");
    }
    return new ReportRequest(projectId, title, competitors(json.getValue("competitors"), maxCompetitors), format);
  }

  private static List<Competitor> competitors(Object value, int max) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > max) {
      throw new InvalidRequestException("competitors must be an array of 1 to " + max + " {name, url} objects");
    }
    List<Competitor> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject c)) {
        throw new InvalidRequestException("competitors[" + i + "] must be an object {name, url}");
      }
      String name = string(c, "name");
      if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidRequestException("competitors[" + i + "].name must be 1 to " + MAX_NAME + " characters, no control characters");
      }
      if (!names.add(name.strip())) {
        throw new InvalidRequestException("competitors[" + i + "].name '" + name.strip() + "' appears twice");
      }
      String url = string(c, "url");
      try {
        PageFetcher.parseUrl(url);
      } catch (FetchException e) {
        throw new InvalidRequestException("competitors[" + i + "].url: " + e.getMessage());
      }
      out.add(new Competitor(name.strip(), url.trim()));
    }
    return out;
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new InvalidRequestException(field + " must be a string");
    }
    return (String) value;
  }
}
