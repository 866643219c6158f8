package io.vigil.report.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vigil.report.ReportSettings;
import io.vigil.report.support.FixtureSite;
import io.vigil.report.support.ReportFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PageFetcherTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final int CAP = 256 * 1024;
  private FixtureSite site;
  private PageFetcher fetcher;

  @BeforeEach
  void start(Vertx vertx) {
    site = FixtureSite.start(vertx);
    ReportSettings settings = ReportFixture.loopbackSettings(site, CAP, 3, 300, 5_000);
    fetcher = new PageFetcher(vertx, settings);
  }

  @AfterEach
  void stop() {
    fetcher.close().await();
    site.close();
  }

  private FetchedPage fetch(String url) {
    return fetcher.fetch(url, Promise.promise().future()).await();
  }

  @Test
  void fetchesAPageWithItsStatusContentTypeAndTime() {
    site.page("/", "<title>Home</title>");

    FetchedPage page = fetch(site.url("/"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.ok()).isTrue();
    assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("<title>Home</title>");
    assertThat(page.truncated()).isFalse();
    assertThat(page.redirects()).isEmpty();
    assertThat(page.finalUrl()).isEqualTo(site.url("/"));
    assertThat(page.fetchMs()).isBetween(0L, 5_000L);
  }

  @Test
  void followsRelativeAndAbsoluteRedirectsHopByHop() {
    site.redirect("/old", "/older?x=1");
    site.redirect("/older", site.url("/pricing"));
    site.page("/pricing", "<title>Pricing</title>");

    FetchedPage page = fetch(site.url("/old"));

    assertThat(page.finalUrl()).isEqualTo(site.url("/pricing"));
    assertThat(page.redirects()).containsExactly(site.url("/older?x=1"), site.url("/pricing"));
    assertThat(site.hits("/old") + site.hits("/older") + site.hits("/pricing")).isEqualTo(3);
  }

  @Test
  void cutsAnOversizedPageAtTheCapAndStopsDownloading() throws Exception {
    long total = 64L * 1024 * 1024;
    site.large("/huge", total);

    long started = System.nanoTime();
    FetchedPage page = fetch(site.url("/huge"));
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(page.truncated()).isTrue();
    assertThat(page.body()).hasSize(CAP);
    await().atMost(WAIT).until(() -> site.closedConnections("/huge") == 1);
    System.out.printf("cap_bytes %d server_wrote_bytes %d of %d, fetch_ms %d%n", CAP, site.bytesWritten("/huge"), total, ms);
    assertThat(site.bytesWritten("/huge")).isLessThan(total / 4);
  }

  @Test
  void refusesRedirectsToLoopbackPrivateAndMetadataAddressesBeforeConnecting() {
    site.page("/secret", "internal");
    site.redirect("/to-private", "http://10.0.0.1/admin");
    site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/");
    site.redirect("/to-localhost", "http://localhost:" + site.port() + "/secret");
    site.redirect("/to-ipv6-loopback", "http://[::1]:" + site.port() + "/secret");

    long started = System.nanoTime();
    // One generic reason for all: the caller learns nothing about what the names resolve to.
    assertThatThrownBy(() -> fetch(site.url("/to-private"))).isInstanceOf(FetchException.class)
        .hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> fetch(site.url("/to-metadata"))).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> fetch(site.url("/to-localhost"))).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> fetch(site.url("/to-ipv6-loopback"))).hasMessage(AddressPolicy.REFUSED);
    long ms = (System.nanoTime() - started) / 1_000_000;

    // Nothing connected: 10.0.0.1 would have taken the connect timeout, and /secret was never asked for.
    assertThat(ms).isLessThan(2_000);
    assertThat(site.hits("/secret")).isZero();
  }

  @Test
  void refusesAnUnlistedAddressAsTheFirstHopToo() {
    assertThatThrownBy(() -> fetch("http://169.254.169.254/")).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> fetch("http://localhost:" + site.port() + "/")).hasMessage(AddressPolicy.REFUSED);
    assertThat(site.hits("/")).isZero();
  }

  @Test
  void anInternalNameAndAnUnknownNameAreRefusedAlikeSoTheRefusalIsNoDnsOracle() {
    String unknown = catchMessage("http://no-such-host.invalid/");
    String internal = catchMessage("http://localhost/");
    String privateAddress = catchMessage("http://10.1.2.3/");

    assertThat(unknown).isEqualTo(AddressPolicy.REFUSED).isEqualTo(internal).isEqualTo(privateAddress);
  }

  @Test
  void aHostListedWithoutAPortIsReachableOn80And443OnlyAndOtherPortsNeedAHostPortEntry(Vertx vertx) {
    site.page("/secret", "internal");
    PageFetcher hostOnly = new PageFetcher(vertx, new ReportSettings(java.util.Set.of("127.0.0.1"), 1_000, 300, 5_000,
        CAP, 3, 25, 3_600_000));
    site.redirect("/to-other-port", "http://127.0.0.1:" + site.port() + "/secret");
    try {
      assertThatThrownBy(() -> hostOnly.fetch(site.url("/secret"), Promise.promise().future()).await())
          .hasMessage(AddressPolicy.REFUSED);
      assertThatThrownBy(() -> fetch("http://8.8.8.8:6379/")).hasMessage(AddressPolicy.REFUSED);
      assertThat(site.hits("/secret")).isZero();
    } finally {
      hostOnly.close().await();
    }
  }

  private String catchMessage(String url) {
    try {
      fetch(url);
      return "fetched";
    } catch (FetchException e) {
      return e.getMessage();
    }
  }

  @Test
  void refusesNonHttpSchemesAndEndlessRedirects() {
    site.redirect("/ftp", "ftp://127.0.0.1/file");
    site.redirect("/file", "file:///etc/passwd");
    site.redirect("/loop", "/loop");

    assertThatThrownBy(() -> fetch(site.url("/ftp"))).hasMessageContaining("only http and https");
    assertThatThrownBy(() -> fetch(site.url("/file"))).hasMessageContaining("only http and https");
    assertThatThrownBy(() -> fetch(site.url("/loop"))).hasMessage("more than 3 redirects");
    assertThat(site.hits("/loop")).isEqualTo(4);
    assertThatThrownBy(() -> fetch("gopher://127.0.0.1/")).hasMessageContaining("only http and https");
  }

  @Test
  void givesUpOnASilentServerAfterTheReadTimeout() throws Exception {
    site.hang("/slow");

    assertThatThrownBy(() -> fetch(site.url("/slow"))).isInstanceOf(FetchException.class)
        .hasMessage("no data for 300 ms");
    await().atMost(WAIT).until(() -> site.closedConnections("/slow") == 1);
  }

  @Test
  void stopsASlowDripAtTheTotalDeadline(Vertx vertx) throws Exception {
    site.handle("/drip", req -> {
      req.response().setChunked(true);
      long timer = vertx.setPeriodic(50, id -> {
        if (req.response().closed()) {
          vertx.cancelTimer(id);
        } else {
          req.response().write("x");
        }
      });
      req.response().closeHandler(v -> vertx.cancelTimer(timer));
    });
    PageFetcher strict = new PageFetcher(vertx,
        ReportFixture.loopbackSettings(site, CAP, 3, 300, 600));

    long started = System.nanoTime();
    assertThatThrownBy(() -> strict.fetch(site.url("/drip"), Promise.promise().future()).await())
        .hasMessage("no complete answer within 600 ms");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
    strict.close().await();
  }

  @Test
  void abortResetsTheRequestInFlight(Vertx vertx) throws Exception {
    site.hang("/slow");
    PageFetcher patient = new PageFetcher(vertx,
        ReportFixture.loopbackSettings(site, CAP, 3, 30_000, 60_000));
    Promise<Void> abort = Promise.promise();
    Future<FetchedPage> fetch = patient.fetch(site.url("/slow"), abort.future());
    await().atMost(WAIT).until(() -> site.hits("/slow") == 1);

    abort.complete();

    assertThatThrownBy(fetch::await).hasMessage("fetch cancelled");
    await().atMost(WAIT).until(() -> site.closedConnections("/slow") == 1);
    patient.close().await();
  }

  @Test
  void reportsARefusedConnection(Vertx vertx) {
    String dead = site.deadUrl();

    assertThatThrownBy(() -> fetch(dead)).hasMessage("connection refused");
  }

  @Test
  void httpsIsFetchedWithCertificateChecksOn(Vertx vertx) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(r -> r.response().end("<title>secret</title>"));
    tls.listen(0, "127.0.0.1").await();
    PageFetcher listed = new PageFetcher(vertx, new ReportSettings(java.util.Set.of("127.0.0.1:" + tls.actualPort()),
        5_000, 5_000, 10_000, CAP, 3, 25, 3_600_000));

    // A fixed text: the certificate's names (internal ones, maybe) stay in the log.
    assertThatThrownBy(() -> listed.fetch("https://127.0.0.1:" + tls.actualPort() + "/", Promise.promise().future())
        .await()).isInstanceOf(FetchException.class).hasMessage("TLS failed");
    listed.close().await();
    tls.close().await();
  }
}
