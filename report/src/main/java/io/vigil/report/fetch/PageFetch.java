package io.vigil.report.fetch;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vigil.report.ReportSettings;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One page fetch with its redirect chain, for one {@link PageFetcher#fetch} call: each hop is resolved, checked
 * and connected to exactly the checked address; a redirect target is parsed and checked like the first URL; the
 * body is read up to the cap, then the stream is reset; the deadline or an abort resets the request in flight.
 */
final class PageFetch {
  private final Vertx vertx;
  private final HttpClient client;
  private final AddressPolicy policy;
  private final ReportSettings settings;
  private final long startNanos = System.nanoTime();
  private final Promise<FetchedPage> result = Promise.promise();
  private static final Logger LOG = LoggerFactory.getLogger(PageFetch.class);
  private final List<String> redirects = new ArrayList<>();
  private boolean currentHopListed;
  private HttpClientRequest current;

  PageFetch(Vertx vertx, HttpClient client, AddressPolicy policy, ReportSettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.policy = policy;
    this.settings = settings;
  }

  Future<FetchedPage> run(URI uri, Future<?> abort) {
    long deadline = vertx.setTimer(settings.totalTimeoutMs(),
        id -> stop(new FetchException("no complete answer within " + settings.totalTimeoutMs() + " ms")));
    abort.onComplete(ar -> stop(new FetchException("fetch cancelled")));
    if (!result.future().isComplete()) {
      hop(uri, true);
    }
    return result.future().onComplete(ar -> vertx.cancelTimer(deadline));
  }

  /** {@code exemptable}: the first hop, or a redirect from an allow-listed hop (never from an unlisted one). */
  private void hop(URI uri, boolean exemptable) {
    String host = uri.getHost();
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    currentHopListed = exemptable && policy.allowListed(host, port);
    policy.resolve(vertx, host, port, exemptable)
        .compose(address -> send(uri, host, port, https, address))
        .onSuccess(response -> onResponse(uri, response))
        .onFailure(this::stop);
  }

  private Future<HttpClientResponse> send(URI uri, String host, int port, boolean https, InetAddress address) {
    if (result.future().isComplete()) {
      return Future.failedFuture(result.future().cause());
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        // Connect to the address the policy checked; host and port still go into Host, SNI and certificate checks.
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setHost(AddressPolicy.normalize(host))
        .setPort(port)
        .setSsl(https)
        .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
        .setFollowRedirects(false)
        .setConnectTimeout(settings.connectTimeoutMs())
        .setIdleTimeout(settings.readTimeoutMs())
        .putHeader(HttpHeaders.USER_AGENT, PageFetcher.USER_AGENT)
        .putHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1");
    return client.request(options).compose(request -> {
      current = request;
      if (result.future().isComplete()) {
        request.reset();
        return Future.failedFuture(result.future().cause());
      }
      return request.send();
    });
  }

  private void onResponse(URI uri, HttpClientResponse response) {
    int status = response.statusCode();
    String location = response.getHeader(HttpHeaders.LOCATION);
    if (status >= 300 && status < 400 && location != null) {
      // A redirect's body is never read; the next hop starts only after its target passed parseUrl.
      discard(response);
      if (redirects.size() >= settings.maxRedirects()) {
        stop(new FetchException("more than " + settings.maxRedirects() + " redirects"));
        return;
      }
      URI next;
      try {
        next = PageFetcher.parseUrl(uri.resolve(new URI(location.trim())).toString());
      } catch (URISyntaxException | FetchException e) {
        stop(new FetchException("redirect to an unusable location: " + e.getMessage()));
        return;
      }
      redirects.add(next.toString());
      hop(next, currentHopListed);
      return;
    }
    readBody(uri, response);
  }

  private void readBody(URI uri, HttpClientResponse response) {
    Buffer body = Buffer.buffer();
    int max = settings.maxBytes();
    response.exceptionHandler(this::stop);
    response.endHandler(v -> finish(uri, response, body, false));
    response.handler(chunk -> {
      int room = max - body.length();
      if (chunk.length() <= room) {
        body.appendBuffer(chunk);
        return;
      }
      body.appendBuffer(chunk, 0, room);
      finish(uri, response, body, true);
      discard(response);
    });
  }

  /** Stops reading: resets the stream (which closes an HTTP/1 connection) and ignores what the reset reports. */
  private static void discard(HttpClientResponse response) {
    response.handler(null);
    response.endHandler(null);
    response.exceptionHandler(ignored -> { });
    response.request().reset();
  }

  private void finish(URI uri, HttpClientResponse response, Buffer body, boolean truncated) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    result.tryComplete(new FetchedPage(uri.toString(), redirects, response.statusCode(),
        response.getHeader(HttpHeaders.CONTENT_TYPE), body.getBytes(), truncated, ms));
  }

  /** Fails the fetch (first cause wins) and resets the request in flight, if any. */
  private void stop(Throwable cause) {
    if (result.tryFail(describe(cause)) && current != null) {
      current.reset();
    }
  }

  private FetchException describe(Throwable cause) {
    if (cause instanceof FetchException fetch) {
      return fetch;
    }
    if (cause instanceof ConnectTimeoutException) {
      return new FetchException("could not connect within " + settings.connectTimeoutMs() + " ms");
    }
    if (cause instanceof TimeoutException) {
      return new FetchException("no data for " + settings.readTimeoutMs() + " ms");
    }
    if (cause instanceof ConnectException) {
      return new FetchException("connection refused");
    }
    // Fixed texts: a TLS or socket message can name internal hosts and certificates; it goes to the log.
    LOG.info("fetch=failed error={}", cause.toString());
    if (cause instanceof SSLException) {
      return new FetchException("TLS failed");
    }
    return new FetchException("fetch failed");
  }
}
