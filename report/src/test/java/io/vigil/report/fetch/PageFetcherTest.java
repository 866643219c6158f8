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
    ReportSettings settings = ReportFixture.loopbackSettings(CAP, 3, 300, 5_000);
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
    assertThatThrownBy(() -> fetch(site.url("/to-private"))).isInstanceOf(FetchException.class)
        .hasMessage("refused: 10.0.0.1 resolves to 10.0.0.1, a private address (not on VIGIL_FETCH_ALLOWED_HOSTS)");
    assertThatThrownBy(() -> fetch(site.url("/to-metadata"))).isInstanceOf(FetchException.class)
        .hasMessageContaining("a cloud metadata address");
    assertThatThrownBy(() -> fetch(site.url("/to-localhost"))).isInstanceOf(FetchException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> fetch(site.url("/to-ipv6-loopback"))).isInstanceOf(FetchException.class)
        .hasMessageContaining("loopback");
    long ms = (System.nanoTime() - started) / 1_000_000;

    // Nothing connected: 10.0.0.1 would have taken the connect timeout, and /secret was never asked for.
    assertThat(ms).isLessThan(2_000);
    assertThat(site.hits("/secret")).isZero();
  }

  @Test
  void refusesAnUnlistedAddressAsTheFirstHopToo() {
    assertThatThrownBy(() -> fetch("http://169.254.169.254/")).isInstanceOf(FetchException.class)
        .hasMessageContaining("cloud metadata");
    assertThatThrownBy(() -> fetch("http://localhost:" + site.port() + "/")).isInstanceOf(FetchException.class)
        .hasMessageContaining("loopback");
    assertThat(site.hits("/")).isZero();
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
        ReportFixture.loopbackSettings(CAP, 3, 300, 600));

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
        ReportFixture.loopbackSettings(CAP, 3, 30_000, 60_000));
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
    String dead = FixtureSite.deadUrl(vertx);

    assertThatThrownBy(() -> fetch(dead)).hasMessage("connection refused");
  }

  @Test
  void httpsIsFetchedWithCertificateChecksOn(Vertx vertx) {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
        .requestHandler(r -> r.response().end("<title>secret</title>"));
    tls.listen(0, "127.0.0.1").await();

    assertThatThrownBy(() -> fetch("https://127.0.0.1:" + tls.actualPort() + "/")).isInstanceOf(FetchException.class)
        .hasMessageStartingWith("TLS failed: ");
    tls.close().await();
  }
}
