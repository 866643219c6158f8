package io.vigil.report.fetch;

import java.util.List;

/**
 * One fetched page after any redirects ({@code redirects}: the URLs followed, not counting the requested one);
 * {@code body} holds at most the size cap, {@code truncated} says whether the page was longer.
 */
public record FetchedPage(String finalUrl, List<String> redirects, int status,
                          String contentType, byte[] body, boolean truncated, long fetchMs) {
  public FetchedPage {
    redirects = List.copyOf(redirects);
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
