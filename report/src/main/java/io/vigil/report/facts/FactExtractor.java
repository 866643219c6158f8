package io.vigil.report.facts;

import io.vigil.report.fetch.FetchedPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts {@link PageFacts} from a fetched page with jsoup. CPU-bound: callers run it off the event loop.
 * Every list and text is bounded so that a hostile page cannot inflate the report.
 */
public final class FactExtractor {
  static final int MAX_TEXT = 300;
  static final int MAX_ITEMS = 50;
  private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

  private FactExtractor() {}

  /** Whether a Content-Type (null when absent) is a page facts can be extracted from. */
  public static boolean isPage(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.contains("html") || type.startsWith("text/plain");
  }

  public static PageFacts extract(FetchedPage page) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(page.body()), charset(page.contentType()), page.finalUrl());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String bodyText = doc.body() == null ? "" : doc.body().text();
    return new PageFacts(page.finalUrl(), page.status(), page.fetchMs(), page.redirects().size(), page.body().length,
        page.truncated(), clip(doc.title()), description(doc), texts(doc, "h1"), texts(doc, "h2"), words(bodyText),
        PriceParser.find(bodyText, MAX_ITEMS), outboundLinks(doc, page.finalUrl()));
  }

  private static String description(Document doc) {
    Element meta = doc.selectFirst("meta[name=description][content], meta[property=og:description][content]");
    return meta == null ? null : clip(meta.attr("content"));
  }

  private static List<String> texts(Document doc, String tag) {
    return doc.select(tag).stream().map(e -> clip(e.text())).filter(text -> !text.isEmpty()).distinct()
        .limit(MAX_ITEMS).toList();
  }

  private static int words(String text) {
    return (int) Arrays.stream(text.split("\\s+")).filter(token -> WORD.matcher(token).find()).count();
  }

  private static int outboundLinks(Document doc, String pageUrl) {
    String own = host(pageUrl);
    return (int) doc.select("a[href]").stream().map(a -> a.absUrl("href")).filter(target -> host(target) != null
        && target.regionMatches(true, 0, "http", 0, 4) && !host(target).equals(own)).count();
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The charset the server declared, when Java knows it; null lets jsoup read the BOM or the meta tag. */
  private static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = CHARSET.matcher(contentType);
    if (!m.find()) {
      return null;
    }
    try {
      return Charset.isSupported(m.group(1)) ? m.group(1) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String clip(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return t.length() <= MAX_TEXT ? t : t.substring(0, MAX_TEXT - 1) + "…";
  }
}
