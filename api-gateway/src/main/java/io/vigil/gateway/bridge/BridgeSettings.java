package io.vigil.gateway.bridge;

import io.vigil.settings.EnvReader;
import io.vigil.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The event-bus bridges for services outside the JVM cluster; both are off unless switched on.
 *
 * @param tcp VIGIL_BRIDGE_TCP: the Vert.x TCP event-bus bridge (4-byte length + JSON frames)
 * @param tcpPort VIGIL_BRIDGE_TCP_PORT (0 picks a free port)
 * @param sockJs VIGIL_BRIDGE_SOCKJS: the SockJS bridge for browsers and the vertx eventbus client, at /eventbus
 * @param sockJsPort VIGIL_BRIDGE_SOCKJS_PORT (0 picks a free port)
 * @param host VIGIL_BRIDGE_HOST: the address both bridges listen on
 * @param tlsCert VIGIL_BRIDGE_TLS_CERT: PEM certificate chain; with the key, both bridges speak TLS only
 * @param tlsKey VIGIL_BRIDGE_TLS_KEY: PEM private key of that certificate
 */
public record BridgeSettings(boolean tcp, int tcpPort, boolean sockJs, int sockJsPort, String host, String tlsCert,
                             String tlsKey) {
  public static final BridgeSettings OFF = new BridgeSettings(false, 7000, false, 7001, "0.0.0.0", null, null);

  public BridgeSettings {
    SettingsException.require(host != null && !host.isBlank(), "VIGIL_BRIDGE_HOST", "must name an address");
    SettingsException.require((tlsCert == null) == (tlsKey == null), tlsCert == null ? "VIGIL_BRIDGE_TLS_CERT"
        : "VIGIL_BRIDGE_TLS_KEY", "must be set together with " + (tlsCert == null ? "VIGIL_BRIDGE_TLS_KEY"
        : "VIGIL_BRIDGE_TLS_CERT"));
    requireReadable(tlsCert, "VIGIL_BRIDGE_TLS_CERT");
    requireReadable(tlsKey, "VIGIL_BRIDGE_TLS_KEY");
    SettingsException.require(!(tcp && sockJs && tcpPort != 0 && tcpPort == sockJsPort), "VIGIL_BRIDGE_SOCKJS_PORT",
        "must differ from VIGIL_BRIDGE_TCP_PORT, both are " + tcpPort);
  }

  public static BridgeSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    String cert = r.string("VIGIL_BRIDGE_TLS_CERT", "");
    String key = r.string("VIGIL_BRIDGE_TLS_KEY", "");
    return new BridgeSettings(r.bool("VIGIL_BRIDGE_TCP", false), r.integer("VIGIL_BRIDGE_TCP_PORT", 7000, 0, 65535),
        r.bool("VIGIL_BRIDGE_SOCKJS", false), r.integer("VIGIL_BRIDGE_SOCKJS_PORT", 7001, 0, 65535),
        r.string("VIGIL_BRIDGE_HOST", "0.0.0.0"), cert.isBlank() ? null : cert, key.isBlank() ? null : key);
  }

  public boolean tls() {
    return tlsCert != null;
  }

  public boolean any() {
    return tcp || sockJs;
  }

  private static void requireReadable(String file, String variable) {
    SettingsException.require(file == null || Files.isReadable(Path.of(file)), variable,
        "file " + file + " is not readable");
  }
}
