package io.vigil.gateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.ext.bridge.BaseBridgeEvent;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vigil.gateway.BusAddresses;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the bridges {@link BridgeSettings} switches on, each on its own port with the same TLS settings:
 * the TCP event-bus bridge and a SockJS bridge served at {@code /eventbus}. Both permit only the
 * addresses {@link BridgeGuard} allows, and every frame passes the guard first.
 */
public final class EventBusBridges {
  public static final String SOCKJS_PATH = "/eventbus";
  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridges.class);
  private final Vertx vertx;
  private final BridgeSettings settings;
  private final BridgeGuard guard;
  private TcpEventBusBridge tcp;
  private HttpServer sockJs;
  private int tcpPort = -1;
  private int sockJsPort = -1;

  public EventBusBridges(Vertx vertx, BridgeSettings settings, BridgeGuard guard) {
    this.vertx = vertx;
    this.settings = settings;
    this.guard = guard;
  }

  public Future<Void> start() {
    Future<Void> tcpStarted = settings.tcp() ? startTcp() : Future.succeededFuture();
    return tcpStarted.compose(v -> settings.sockJs() ? startSockJs() : Future.succeededFuture());
  }

  public Future<Void> stop() {
    return Future.join(tcp == null ? Future.succeededFuture() : tcp.close(),
        sockJs == null ? Future.succeededFuture() : sockJs.close()).mapEmpty();
  }

  /** The TCP bridge's port, -1 when it is off. */
  public int tcpPort() {
    return tcpPort;
  }

  /** The SockJS bridge's port, -1 when it is off. */
  public int sockJsPort() {
    return sockJsPort;
  }

  private Future<Void> startTcp() {
    NetServerOptions options = tls(new NetServerOptions().setHost(settings.host()).setPort(settings.tcpPort()));
    tcp = TcpEventBusBridge.create(vertx, permitted(new BridgeOptions()), options,
        event -> decide(event, refusal -> event.socket().write(lengthPrefixed(refusal.frame().toBuffer()))));
    return tcp.listen().onSuccess(b -> {
      tcpPort = settings.tcpPort();
      LOG.info("bridge=tcp port={} tls={}", tcpPort, settings.tls());
    }).mapEmpty();
  }

  private Future<Void> startSockJs() {
    Router router = Router.router(vertx);
    SockJSBridgeOptions options = (SockJSBridgeOptions) permitted(new SockJSBridgeOptions());
    router.route(SOCKJS_PATH + "/*").subRouter(SockJSHandler.create(vertx).bridge(options,
        event -> decide(event, refusal -> event.socket().write(Buffer.buffer(refusal.frame().encode())))));
    HttpServerOptions http = tls(new HttpServerOptions().setHost(settings.host()).setPort(settings.sockJsPort()));
    return vertx.createHttpServer(http).requestHandler(router).listen().onSuccess(server -> {
      sockJs = server;
      sockJsPort = server.actualPort();
      LOG.info("bridge=sockjs port={} path={} tls={}", sockJsPort, SOCKJS_PATH, settings.tls());
    }).mapEmpty();
  }

  private void decide(BaseBridgeEvent event, Consumer<BridgeGuard.Refusal> answer) {
    BridgeGuard.Refusal refusal = event.getRawMessage() == null ? null : guard.check(event.type(), event.getRawMessage());
    if (refusal != null) {
      answer.accept(refusal);
    }
    event.complete(refusal == null);
  }

  /** The TCP bridge's framing: a 4-byte big-endian length, then the JSON. */
  private static Buffer lengthPrefixed(Buffer json) {
    return Buffer.buffer(json.length() + 4).appendInt(json.length()).appendBuffer(json);
  }

  private static <T extends BridgeOptions> T permitted(T options) {
    options.addInboundPermitted(new PermittedOptions().setAddress(BusAddresses.SUBMIT));
    options.addOutboundPermitted(new PermittedOptions().setAddress(BusAddresses.EVENTS));
    options.addOutboundPermitted(new PermittedOptions().setAddressRegex(Pattern.quote(BusAddresses.EVENTS + ".") + ".+"));
    return options;
  }

  private <T extends TCPSSLOptions> T tls(T options) {
    if (settings.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(settings.tlsCert())
          .setKeyPath(settings.tlsKey()));
    }
    return options;
  }
}
