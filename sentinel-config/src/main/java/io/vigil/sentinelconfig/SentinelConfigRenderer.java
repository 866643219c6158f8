package io.vigil.sentinelconfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fills the shipped templates for one node, so {@code ./vigil dev}, the test kit and compose run the same files:
 * each {@code {{NAME}}} by its checked value, a line whose value is null left out, extra lines appended last.
 */
public final class SentinelConfigRenderer {

  public static final String REDIS_TEMPLATE = "redis.conf";
  public static final String REPLICA_TEMPLATE = "replica.conf";
  public static final String SENTINEL_TEMPLATE = "sentinel.conf";
  private static final String RESOURCES = "/io/vigil/sentinelconfig/templates/";

  private final Map<String, String> templates;

  private SentinelConfigRenderer(Map<String, String> templates) {
    this.templates = templates;
  }

  public static SentinelConfigRenderer shipped() {
    return new SentinelConfigRenderer(Map.of(REDIS_TEMPLATE, resource(REDIS_TEMPLATE),
        REPLICA_TEMPLATE, resource(REPLICA_TEMPLATE), SENTINEL_TEMPLATE, resource(SENTINEL_TEMPLATE)));
  }

  /** A shipped template or script ({@code render.sh}, {@code entrypoint.sh}). */
  public static String resource(String name) {
    try (InputStream in = SentinelConfigRenderer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("template " + name + " is missing from the classpath (" + RESOURCES + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + name, e);
    }
  }

  public String template(String name) {
    String text = templates.get(name);
    if (text == null) {
      throw new IllegalArgumentException("no template " + name);
    }
    return text;
  }

  /** redis.conf for a master, or redis.conf followed by replica.conf for a replica. */
  public String dataNode(NodeSettings node) {
    List<String> parts = node.replica() ? List.of(REDIS_TEMPLATE, REPLICA_TEMPLATE) : List.of(REDIS_TEMPLATE);
    return render(parts, node.dataNodeValues(), node.extraLines());
  }

  public String sentinel(NodeSettings sentinel) {
    return render(List.of(SENTINEL_TEMPLATE), sentinel.sentinelValues(), sentinel.extraLines());
  }

  public String render(List<String> names, Map<String, String> values, List<String> extraLines) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      String[] lines = template(name).split("\n", -1);
      // split leaves one empty element after the final newline; it is not a line of the file.
      int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
      for (int i = 0; i < count; i++) {
        String line = fill(name, i + 1, lines[i], values);
        if (line != null) {
          out.append(line).append('\n');
        }
      }
    }
    if (!extraLines.isEmpty()) {
      out.append("\n# ----- not from the shipped template: overrides for this process (later lines win)\n");
      extraLines.forEach(line -> out.append(line).append('\n'));
    }
    return out.toString();
  }

  private static String fill(String template, int lineNumber, String line, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int start = line.indexOf("{{"); start >= 0; start = line.indexOf("{{", from)) {
      int end = line.indexOf("}}", start + 2);
      if (end < 0) {
        throw new IllegalArgumentException("unclosed {{ in " + template + " line " + lineNumber);
      }
      String name = line.substring(start + 2, end);
      if (!Placeholders.isKnown(name) || !values.containsKey(name)) {
        throw new IllegalArgumentException("{{" + name + "}} in " + template + " line " + lineNumber
            + " has no value for this kind of node");
      }
      String value = values.get(name);
      if (value == null) {
        return null;
      }
      out.append(line, from, start).append(Placeholders.requireValid(name, value));
      from = end + 2;
    }
    return out.append(line.substring(from)).toString();
  }
}
