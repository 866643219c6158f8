package io.vigil.report.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vigil.report.ReportSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Fetches competitor pages under the report's limits: http(s) only, timeouts, a total deadline, a size cap, and
 * every redirect hop checked by the {@link AddressPolicy}. It uses the core HttpClient, not the WebClient: that one
 * cannot stop a response mid-body (it drains the rest), so a size cap could not bound what is downloaded.
 */
public final class PageFetcher {
  static final String USER_AGENT = "VigilReport/0.1 (competitor report)";
  private static final int MAX_URL_LENGTH = 2048;
  private final Vertx vertx;
  private final ReportSettings settings;
  private final AddressPolicy policy;
  private final HttpClient client;

  public PageFetcher(Vertx vertx, ReportSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.policy = new AddressPolicy(settings.allowedHosts());
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs()))
        .setDecompressionSupported(true)
        // Each fetch goes to a different site and most end in a reset; pooled connections would only linger.
        .setKeepAlive(false)
        .setVerifyHost(true)
        .setMaxHeaderSize(16 * 1024), new PoolOptions().setHttp1MaxSize(8));
  }

  /**
   * Fetches one page; fails with {@link FetchException} when it is refused, unreachable, too slow or redirects
   * too often. When {@code abort} completes first, the request in flight is reset and the fetch fails.
   */
  public Future<FetchedPage> fetch(String url, Future<?> abort) {
    URI uri;
    try {
      uri = parseUrl(url);
    } catch (FetchException e) {
      return Future.failedFuture(e);
    }
    return new PageFetch(vertx, client, policy, settings).run(uri, abort);
  }

  public Future<Void> close() {
    return client.close();
  }

  /** Checks that a URL is absolute http(s) with a host and no credentials; the message says what is wrong. */
  public static URI parseUrl(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
      throw new FetchException("url must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new FetchException("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException("only http and https URLs are fetched, not '" + scheme + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new FetchException("url has no host (internationalised names must be given in punycode)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new FetchException("url must not carry credentials");
    }
    return uri;
  }
}
