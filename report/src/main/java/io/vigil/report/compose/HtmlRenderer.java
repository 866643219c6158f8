package io.vigil.report.compose;

import io.vigil.report.compose.ReportView.Bullets;
import io.vigil.report.compose.ReportView.Field;
import io.vigil.report.compose.ReportView.Section;
import java.util.List;

/**
 * Renders a {@link ReportView} as a standalone HTML page. Every piece of text, page content or not, goes
 * through {@link #escape}, which also escapes quotes, so nothing can open a tag or leave an attribute; the
 * page also carries a Content-Security-Policy that allows no script at all.
 */
public final class HtmlRenderer {
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
  private static final String STYLE = "body{font-family:sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}"
      + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}"
      + "dt{font-weight:bold}";

  private HtmlRenderer() {}

  public static String render(ReportView view) {
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(CONTENT_SECURITY_POLICY)).append("\">\n")
        .append("<title>").append(escape(view.title())).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(view.title())).append("</h1>\n");
    list(out, view.intro());
    out.append("<h2>Comparison</h2>\n<table>\n<thead><tr>");
    view.tableHeader().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : view.tableRows()) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n<h2>Competitors</h2>\n");
    view.competitors().forEach(s -> section(out, "h3", s));
    section(out, "h2", view.changes());
    return out.append("</body>\n</html>\n").toString();
  }

  private static void section(StringBuilder out, String tag, Section section) {
    out.append("<section>\n<").append(tag).append('>').append(escape(section.heading())).append("</").append(tag).append(">\n<dl>\n");
    for (Field f : section.fields()) {
      out.append("<dt>").append(escape(f.label())).append("</dt><dd>").append(escape(f.value())).append("</dd>\n");
    }
    out.append("</dl>\n");
    for (Bullets bullets : section.lists()) {
      out.append("<h4>").append(escape(bullets.label())).append("</h4>\n");
      list(out, bullets.items().isEmpty() ? List.of("(none)") : bullets.items());
    }
    out.append("</section>\n");
  }

  private static void list(StringBuilder out, List<String> items) {
    out.append("<ul>\n");
    items.forEach(item -> out.append("<li>").append(escape(item)).append("</li>\n"));
    out.append("</ul>\n");
  }

  /** Text for element content and quoted attribute values alike. */
  static String escape(String text) {
    // '&' first, so the entities the later replacements write are not escaped again.
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
