package io.vigil.report.fetch;

import java.util.List;

/**
 * One fetched page, after any redirects.
 *
 * @param finalUrl where the body came from (the requested URL when there was no redirect)
 * @param redirects the URLs followed, in order, not counting the requested one
 * @param contentType the Content-Type header, or null
 * @param body at most the size cap; {@code truncated} says whether the page was longer
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
