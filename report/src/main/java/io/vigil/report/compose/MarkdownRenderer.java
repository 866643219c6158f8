package io.vigil.report.compose;

import io.vigil.report.compose.ReportView.Bullets;
import io.vigil.report.compose.ReportView.Field;
import io.vigil.report.compose.ReportView.Section;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a {@link ReportView} as CommonMark. Text is backslash-escaped (including '<', '>' and '&'), so a
 * page title cannot open a link, a table cell, raw HTML or a script once the Markdown is rendered.
 */
public final class MarkdownRenderer {
  private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|#!~&]");

  private MarkdownRenderer() {}

  public static String render(ReportView view) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(escape(view.title())).append("\n\n");
    view.intro().forEach(line -> out.append("- ").append(escape(line)).append('\n'));
    out.append("\n## Comparison\n\n");
    row(out, view.tableHeader());
    out.append('|').append("---|".repeat(view.tableHeader().size())).append('\n');
    view.tableRows().forEach(r -> row(out, r));
    out.append("\n## Competitors\n");
    view.competitors().forEach(s -> section(out, "###", s));
    section(out, "##", view.changes());
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append('|');
    cells.forEach(c -> out.append(' ').append(escape(c)).append(" |"));
    out.append('\n');
  }

  private static void section(StringBuilder out, String level, Section section) {
    out.append('\n').append(level).append(' ').append(escape(section.heading())).append("\n\n");
    for (Field f : section.fields()) {
      out.append("- **").append(escape(f.label())).append(":** ").append(escape(f.value())).append('\n');
    }
    for (Bullets list : section.lists()) {
      out.append("\n**").append(escape(list.label())).append("**\n\n");
      if (list.items().isEmpty()) {
        out.append("- (none)\n");
      }
      list.items().forEach(item -> out.append("- ").append(escape(item)).append('\n'));
    }
  }

  /** One line of literal text: whitespace runs collapse to one space, Markdown punctuation is escaped. */
  static String escape(String text) {
    return text == null ? "" : SPECIAL.matcher(text.replaceAll("\\s+", " ").strip()).replaceAll("\\\\$0");
  }
}
