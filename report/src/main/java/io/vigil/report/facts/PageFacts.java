package io.vigil.report.facts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a report says about one fetched page; text fields are untrusted page content, escaped by every renderer.
 * {@code bytes} counts what was read (at most the cap); {@code outboundLinks} links to http(s) pages on other hosts.
 */
public record PageFacts(String finalUrl, int httpStatus, long fetchMs, int redirects, int bytes, boolean truncated,
                        String title, String description, List<String> h1, List<String> h2, int wordCount,
                        List<Price> prices, int outboundLinks) {
  public PageFacts {
    h1 = List.copyOf(h1);
    h2 = List.copyOf(h2);
    prices = List.copyOf(prices);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("finalUrl", finalUrl)
        .put("httpStatus", httpStatus)
        .put("fetchMs", fetchMs)
        .put("redirects", redirects)
        .put("bytes", bytes)
        .put("truncated", truncated)
        .put("title", title)
        .put("description", description)
        .put("h1", new JsonArray(List.copyOf(h1)))
        .put("h2", new JsonArray(List.copyOf(h2)))
        .put("wordCount", wordCount)
        .put("prices", new JsonArray(prices.stream().map(Price::toJson).toList()))
        .put("outboundLinks", outboundLinks);
  }
}
