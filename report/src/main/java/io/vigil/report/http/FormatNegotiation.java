package io.vigil.report.http;

import io.vertx.ext.web.MIMEHeader;
import io.vigil.report.ReportFormat;
import java.util.List;

/**
 * Picks the format a report is served in: {@code ?format=} wins, then the Accept header (highest quality
 * first), then the format the job asked for. Null means nothing acceptable can be served (406).
 */
public final class FormatNegotiation {
  private FormatNegotiation() {}

  /** {@code accept} sorted by preference, as vertx-web's {@code parsedHeaders().accept()} gives it. */
  public static ReportFormat choose(String formatParam, List<MIMEHeader> accept, ReportFormat requested) {
    if (formatParam != null) {
      return ReportFormat.fromWire(formatParam);
    }
    if (accept == null || accept.isEmpty()) {
      return requested;
    }
    for (MIMEHeader h : accept) {
      if (h.weight() <= 0) {
        continue;
      }
      String type = h.component();
      String subtype = h.subComponent();
      if ("*".equals(type)) {
        return requested;
      }
      if ("*".equals(subtype)) {
        ReportFormat wildcard = wildcard(type, requested);
        if (wildcard != null) {
          return wildcard;
        }
        continue;
      }
      ReportFormat exact = ReportFormat.fromMediaType(type, subtype);
      if (exact != null) {
        return exact;
      }
    }
    return null;
  }

  private static ReportFormat wildcard(String type, ReportFormat requested) {
    if (requested.mediaType().startsWith(type + "/")) {
      return requested;
    }
    return switch (type) {
      case "text" -> ReportFormat.MARKDOWN;
      case "application" -> ReportFormat.JSON;
      default -> null;
    };
  }
}
