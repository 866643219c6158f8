package io.vigil.report.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.report.ReportFormat;
import io.vigil.report.ReportRequest;
import io.vigil.report.ReportRequest.Competitor;
import io.vigil.report.facts.PageFacts;
import io.vigil.report.facts.Price;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportComposerTest {
  private static final String HOSTILE_TITLE = "</title><script>alert('t')</script>";
  private static final String HOSTILE_HEADING = "\"><img src=x onerror=\"alert(1)\"> | `code` [link](javascript:x) & co";

  private static PageFacts facts(String title, List<String> h2, List<Price> prices) {
    return new PageFacts("http://a.example/", 200, 12, 0, 1000, false, title, "desc", List.of("Main"), h2, 100, prices, 3);
  }

  private static ReportRequest request(String... names) {
    return new ReportRequest("p1", "Weekly", java.util.Arrays.stream(names)
        .map(n -> new Competitor(n, "http://" + n.toLowerCase() + ".example/")).toList(), ReportFormat.HTML);
  }

  @Test
  void firstReportHasNoChangesToShow() {
    JsonObject report = ReportComposer.compose(request("Acme"), "job-1", 1_000,
        List.of(CompetitorOutcome.fetched(new Competitor("Acme", "http://acme.example/"), facts("A", List.of(), List.of()))), null);

    assertThat(report.getValue("changes")).isNull();
    assertThat(report.getJsonObject("summary")).isEqualTo(new JsonObject()
        .put("competitors", 1).put("fetched", 1L).put("unreachable", 0L).put("cut", 0L));
    assertThat(ReportComposer.render(report, ReportFormat.MARKDOWN))
        .contains("first report for this project: nothing to compare");
  }

  @Test
  void changesListTitlesHeadingsPricesAndCompetitorsAddedRemovedOrUnreachable() {
    Competitor acme = new Competitor("Acme", "http://acme.example/");
    Competitor bolt = new Competitor("Bolt", "http://bolt.example/");
    Competitor core = new Competitor("Core", "http://core.example/");
    Competitor dash = new Competitor("Dash", "http://dash.example/");
    JsonObject before = ReportComposer.compose(request("Acme", "Bolt", "Core"), "job-1", 1_000, List.of(
        CompetitorOutcome.fetched(acme, facts("Acme", List.of("Starter", "Pro"), List.of(new Price("USD", "19.99", "$19.99"), new Price("USD", "49", "$49")))),
        CompetitorOutcome.fetched(bolt, facts("Bolt", List.of(), List.of())),
        CompetitorOutcome.fetched(core, facts("Core", List.of(), List.of()))), null);

    JsonObject after = ReportComposer.compose(request("Acme", "Bolt", "Dash"), "job-2", 2_000, List.of(
        CompetitorOutcome.fetched(acme, facts("Acme 2", List.of("Pro", "Enterprise"), List.of(new Price("USD", "49.00", "USD 49.00"), new Price("USD", "24.99", "$24.99")))),
        CompetitorOutcome.unreachable(bolt, "connection refused"),
        CompetitorOutcome.fetched(dash, facts("Dash", List.of(), List.of()))), before);

    assertThat(after.getJsonObject("changes")).isEqualTo(new JsonObject()
        .put("previousJobId", "job-1")
        .put("previousGeneratedAt", 1_000L)
        .put("addedCompetitors", new JsonArray().add("Dash"))
        .put("removedCompetitors", new JsonArray().add("Core"))
        .put("competitors", new JsonArray()
            .add(new JsonObject().put("name", "Acme")
                .put("title", new JsonObject().put("from", "Acme").put("to", "Acme 2"))
                .put("headingsAdded", new JsonArray().add(new JsonObject().put("level", "h2").put("text", "Enterprise")))
                .put("headingsRemoved", new JsonArray().add(new JsonObject().put("level", "h2").put("text", "Starter")))
                .put("pricesAdded", new JsonArray().add(new Price("USD", "24.99", "$24.99").toJson()))
                .put("pricesRemoved", new JsonArray().add(new Price("USD", "19.99", "$19.99").toJson())))
            .add(new JsonObject().put("name", "Bolt").put("note", "unreachable now, so not compared"))));
    assertThat(ReportComposer.render(after, ReportFormat.MARKDOWN)).contains(
        "- Title changed: \"Acme\" → \"Acme 2\"", "- New h2: Enterprise", "- Removed h2: Starter",
        "- New price: $24.99", "- Price gone: $19.99", "**Competitors added**\n\n- Dash", "**Competitors removed**\n\n- Core",
        "| Bolt | unreachable |", "- **Status:** unreachable: connection refused");
  }

  @Test
  void htmlEscapesPageContentSoNoTagOrAttributeCanBeInjected() {
    Competitor evil = new Competitor("<b>Evil</b> \"Co\"", "http://evil.example/?a=\"'><script>");
    JsonObject report = ReportComposer.compose(request("Evil"), "job-1", 1_000, List.of(
        CompetitorOutcome.fetched(evil, facts(HOSTILE_TITLE, List.of(HOSTILE_HEADING), List.of()))), null);

    String html = ReportComposer.render(report, ReportFormat.HTML);
    Document doc = Jsoup.parse(html);

    assertThat(doc.select("script, img, iframe, object, embed, a, b")).isEmpty();
    for (Element e : doc.getAllElements()) {
      for (Attribute a : e.attributes()) {
        assertThat(a.getKey()).doesNotStartWith("on");
      }
    }
    assertThat(doc.select("h3").first().text()).isEqualTo("<b>Evil</b> \"Co\"");
    assertThat(doc.select("li").eachText()).contains(HOSTILE_HEADING);
    assertThat(doc.select("td").eachText()).contains(HOSTILE_TITLE);
    assertThat(html).contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=&quot;");
  }

  @Test
  void markdownEscapesPageContentSoItStaysLiteralText() {
    Competitor evil = new Competitor("Evil | Co", "http://evil.example/");
    JsonObject report = ReportComposer.compose(request("Evil"), "job-1", 1_000, List.of(
        CompetitorOutcome.fetched(evil, facts(HOSTILE_TITLE, List.of(HOSTILE_HEADING + "\n# not a heading"), List.of()))), null);

    String md = ReportComposer.render(report, ReportFormat.MARKDOWN);

    assertThat(md).contains("\\<script\\>alert('t')\\</script\\>", "\\`code\\` \\[link\\](javascript:x) \\& co",
        "| Evil \\| Co |", "\\# not a heading");
    assertThat(md.replace("\\<", "").replace("\\>", "")).doesNotContain("<", ">");
  }

  @Test
  void jsonIsTheStoredDocument() {
    JsonObject report = ReportComposer.compose(request("Acme"), "job-1", 1_000,
        List.of(CompetitorOutcome.unreachable(new Competitor("Acme", "http://acme.example/"), "HTTP status 503")), null);

    assertThat(new JsonObject(ReportComposer.render(report, ReportFormat.JSON))).isEqualTo(report);
    assertThat(report.getJsonArray("competitors").getJsonObject(0)).isEqualTo(new JsonObject()
        .put("name", "Acme").put("url", "http://acme.example/").put("status", "unreachable").put("error", "HTTP status 503"));
  }
}
