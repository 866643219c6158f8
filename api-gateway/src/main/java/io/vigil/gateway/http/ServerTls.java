package io.vigil.gateway.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vigil.settings.EnvReader;
import io.vigil.settings.PemFiles;

/**
 * HTTPS for every role's HTTP server: with VIGIL_TLS_CERT and VIGIL_TLS_KEY (PEM; the certificate file may
 * hold the chain) the server speaks TLS only; unset, plain HTTP (behind a TLS-terminating proxy).
 *
 * @param certFile VIGIL_TLS_CERT, the server certificate (then its intermediates)
 * @param keyFile VIGIL_TLS_KEY, its private key
 */
public record ServerTls(String certFile, String keyFile) {
  public static final ServerTls OFF = new ServerTls(null, null);

  public ServerTls {
    PemFiles.requirePair(certFile, "VIGIL_TLS_CERT", keyFile, "VIGIL_TLS_KEY");
  }

  public static ServerTls fromEnv(EnvReader r) {
    return new ServerTls(PemFiles.certificates(r, "VIGIL_TLS_CERT"), PemFiles.privateKey(r, "VIGIL_TLS_KEY"));
  }

  public boolean enabled() {
    return certFile != null;
  }

  /** Turns TLS on in {@code options} when configured; TLS 1.2 and 1.3 only (Vert.x's default set). */
  public HttpServerOptions apply(HttpServerOptions options) {
    if (enabled()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().addCertPath(certFile).addKeyPath(keyFile));
    }
    return options;
  }

  @Override
  public String toString() {
    return enabled() ? "https(" + certFile + ")" : "http";
  }
}
