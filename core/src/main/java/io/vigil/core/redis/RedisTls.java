package io.vigil.core.redis;

import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vigil.settings.EnvReader;
import io.vigil.settings.PemFiles;

/**
 * TLS to Redis data nodes and Sentinels ({@code rediss}). The server's chain is verified against
 * {@code caFile} (or the JVM's trust store) and its name or IP must match the certificate, so a
 * Sentinel-announced address has to be in the data node certificates' names.
 *
 * @param data REDIS_TLS: data nodes are reached over TLS
 * @param sentinels REDIS_SENTINEL_TLS: Sentinels are reached over TLS (default: as REDIS_TLS)
 * @param caFile REDIS_TLS_CA_FILE: PEM bundle of the CAs trusted for Redis; null means the JVM's
 * @param certFile REDIS_TLS_CERT: client certificate, for servers with {@code tls-auth-clients yes}
 * @param keyFile REDIS_TLS_KEY: its private key
 */
public record RedisTls(boolean data, boolean sentinels, String caFile, String certFile, String keyFile) {
  public static final RedisTls OFF = new RedisTls(false, false, null, null, null);

  public RedisTls {
    PemFiles.requirePair(certFile, "REDIS_TLS_CERT", keyFile, "REDIS_TLS_KEY");
  }

  public static RedisTls fromEnv(EnvReader r) {
    boolean data = r.bool("REDIS_TLS", false);
    return new RedisTls(data, r.bool("REDIS_SENTINEL_TLS", data), PemFiles.certificates(r, "REDIS_TLS_CA_FILE"),
        PemFiles.certificates(r, "REDIS_TLS_CERT"), PemFiles.privateKey(r, "REDIS_TLS_KEY"));
  }

  /** The URI scheme for a data node or a Sentinel. */
  String scheme(boolean sentinel) {
    return (sentinel ? sentinels : data) ? "rediss" : "redis";
  }

  /** Turns TLS on in {@code net} when the tier uses it: chain and host name verified. */
  NetClientOptions apply(NetClientOptions net, boolean sentinel) {
    if (!(sentinel ? sentinels : data)) {
      return net;
    }
    net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
    if (caFile != null) {
      net.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    if (certFile != null) {
      net.setKeyCertOptions(new PemKeyCertOptions().addCertPath(certFile).addKeyPath(keyFile));
    }
    return net;
  }

  @Override
  public String toString() {
    return "tls[data=" + data + ", sentinels=" + sentinels + ", ca=" + (caFile == null ? "jvm" : caFile)
        + ", clientCert=" + (certFile != null) + "]";
  }
}
