package io.vigil.report.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.report.fetch.FetchedPage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactExtractorTest {

  private static FetchedPage page(String html, String contentType) {
    return new FetchedPage("http://shop.example/pricing", List.of("http://shop.example/pricing"),
        200, contentType, html.getBytes(StandardCharsets.UTF_8), false, 42);
  }

  @Test
  void extractsTitleDescriptionHeadingsWordsPricesAndOutboundLinks() {
    String html = """
        <html><head><title>  Acme   Pricing </title>
        <meta name="Description" content="Plans for every team">
        <script>var price = "$999";</script><style>.x{}</style></head>
        <body><h1>Pricing</h1><h2>Starter</h2><h2>Pro</h2><h2>Starter</h2>
        <p>Starter costs $19.99 a month, Pro costs €49.</p>
        <a href="/about">About</a> <a href="https://other.example/x">Partner</a>
        <a href="http://third.example">Third</a> <a href="mailto:a@b.c">Mail</a> <a href="#top">Top</a>
        </body></html>""";

    PageFacts facts = FactExtractor.extract(page(html, "text/html; charset=utf-8"));

    assertThat(facts.title()).isEqualTo("Acme Pricing");
    assertThat(facts.description()).isEqualTo("Plans for every team");
    assertThat(facts.h1()).containsExactly("Pricing");
    assertThat(facts.h2()).containsExactly("Starter", "Pro");
    assertThat(facts.prices()).extracting(Price::text).containsExactly("$19.99", "€49");
    assertThat(facts.outboundLinks()).isEqualTo(2);
    // Pricing Starter Pro Starter | Starter costs $19.99 a month, Pro costs €49. | About Partner Third Mail Top
    assertThat(facts.wordCount()).isEqualTo(4 + 8 + 5);
    assertThat(facts.httpStatus()).isEqualTo(200);
    assertThat(facts.fetchMs()).isEqualTo(42);
    assertThat(facts.redirects()).isEqualTo(1);
    assertThat(facts.truncated()).isFalse();
  }

  @Test
  void readsTheCharsetFromTheMetaTagWhenTheServerGivesNone() {
    byte[] latin1 = "<html><head><meta charset=\"iso-8859-1\"><title>Café</title></head><body>Prix 5 €</body></html>"
        .getBytes(StandardCharsets.ISO_8859_1);
    FetchedPage page = new FetchedPage("http://a.example/", List.of(), 200, "text/html", latin1,
        false, 1);

    assertThat(FactExtractor.extract(page).title()).isEqualTo("Café");
  }

  @Test
  void boundsHeadingsAndTextSoAHostilePageCannotInflateTheReport() {
    StringBuilder html = new StringBuilder("<title>" + "x".repeat(5000) + "</title>");
    for (int i = 0; i < 500; i++) {
      html.append("<h2>heading ").append(i).append("</h2>");
    }

    PageFacts facts = FactExtractor.extract(page(html.toString(), null));

    assertThat(facts.title()).hasSize(FactExtractor.MAX_TEXT);
    assertThat(facts.h2()).hasSize(FactExtractor.MAX_ITEMS);
    assertThat(facts.description()).isNull();
  }

  @Test
  void onlyHtmlAndPlainTextArePages() {
    assertThat(FactExtractor.isPage(null)).isTrue();
    assertThat(FactExtractor.isPage("text/html;charset=UTF-8")).isTrue();
    assertThat(FactExtractor.isPage("application/xhtml+xml")).isTrue();
    assertThat(FactExtractor.isPage("image/png")).isFalse();
    assertThat(FactExtractor.isPage("application/pdf")).isFalse();
  }
}
