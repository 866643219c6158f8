package io.vigil.report.support;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local website on a free loopback port serving fixture pages; pages can change between requests, and the
 * site counts hits per path and bytes it wrote, so tests can see what a fetch really did.
 */
public final class FixtureSite implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> closed = new ConcurrentHashMap<>();

  private final int deadPort;

  private FixtureSite(HttpServer server, int deadPort) {
    this.server = server;
    this.deadPort = deadPort;
  }

  public static FixtureSite start(Vertx vertx) {
    FixtureSite[] site = new FixtureSite[1];
    HttpServer server = vertx.createHttpServer().requestHandler(req -> site[0].serve(req));
    site[0] = new FixtureSite(server, freedPort(vertx));
    server.listen(0, "127.0.0.1").await();
    return site[0];
  }

  private static int freedPort(Vertx vertx) {
    HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().end());
    server.listen(0, "127.0.0.1").await();
    int port = server.actualPort();
    server.close().await();
    return port;
  }

  /** A loopback URL where nothing listens (the port was freed at start): connecting is refused. */
  public String deadUrl() {
    return "http://127.0.0.1:" + deadPort + "/";
  }

  /** The allow-list entries that let the fetcher reach this site and its dead port (host:port, as required). */
  public java.util.Set<String> allowEntries() {
    return java.util.Set.of("127.0.0.1:" + server.actualPort(), "127.0.0.1:" + deadPort);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public int port() {
    return server.actualPort();
  }

  public void page(String path, String html) {
    routes.put(path, req -> req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html));
  }

  public void status(String path, int status) {
    routes.put(path, req -> req.response().setStatusCode(status).end("status " + status));
  }

  public void redirect(String path, String location) {
    routes.put(path, req -> req.response().setStatusCode(302).putHeader("Location", location).end());
  }

  public void handle(String path, Handler<HttpServerRequest> handler) {
    routes.put(path, handler);
  }

  /** A page of {@code totalBytes} streamed as fast as the client reads it; bytes written are counted. */
  public void large(String path, long totalBytes) {
    routes.put(path, req -> {
      HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", "text/html");
      resp.closeHandler(v -> closed(path).incrementAndGet());
      resp.write("<html><head><title>Huge page</title></head><body><h1>Everything</h1><p>Plans from $5. ");
      pump(resp, path, totalBytes);
    });
  }

  /** Accepts the request and never answers; counts the connection being closed by the client. */
  public void hang(String path) {
    routes.put(path, req -> req.response().closeHandler(v -> closed(path).incrementAndGet()));
  }

  public int hits(String path) {
    return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  public long bytesWritten(String path) {
    return written.computeIfAbsent(path, p -> new AtomicLong()).get();
  }

  public int closedConnections(String path) {
    return closed(path).get();
  }

  private AtomicInteger closed(String path) {
    return closed.computeIfAbsent(path, p -> new AtomicInteger());
  }

  private void pump(HttpServerResponse resp, String path, long remaining) {
    Buffer chunk = Buffer.buffer("word ".repeat(64 * 1024 / 5));
    AtomicLong count = written.computeIfAbsent(path, p -> new AtomicLong());
    long left = remaining;
    while (left > 0 && !resp.writeQueueFull() && !resp.closed()) {
      resp.write(chunk);
      count.addAndGet(chunk.length());
      left -= chunk.length();
    }
    if (resp.closed()) {
      return;
    }
    if (left <= 0) {
      resp.end("</p></body></html>");
      return;
    }
    long rest = left;
    resp.drainHandler(v -> pump(resp, path, rest));
  }

  private void serve(HttpServerRequest req) {
    hits.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
    Handler<HttpServerRequest> route = routes.get(req.path());
    if (route == null) {
      req.response().setStatusCode(404).end("no fixture at " + req.path());
    } else {
      route.handle(req);
    }
  }

  @Override
  public void close() {
    server.close().await();
  }
}
