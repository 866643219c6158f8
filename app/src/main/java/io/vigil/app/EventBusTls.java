package io.vigil.app;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vigil.settings.EnvReader;
import io.vigil.settings.PemFiles;
import io.vigil.settings.SettingsException;

/**
 * Mutual TLS on the clustered event bus: every member presents a certificate signed by the cluster's CA
 * and accepts only peers that do, so a host without one can neither send to nor receive from the cluster.
 *
 * @param certFile VIGIL_CLUSTER_TLS_CERT, this member's certificate (PEM)
 * @param keyFile VIGIL_CLUSTER_TLS_KEY, its private key
 * @param caFile VIGIL_CLUSTER_TLS_CA, the CA every member's certificate must chain to
 */
public record EventBusTls(String certFile, String keyFile, String caFile) {
  public static final EventBusTls OFF = new EventBusTls(null, null, null);

  public EventBusTls {
    PemFiles.requirePair(certFile, "VIGIL_CLUSTER_TLS_CERT", keyFile, "VIGIL_CLUSTER_TLS_KEY");
    SettingsException.require((certFile == null) == (caFile == null), certFile == null ? "VIGIL_CLUSTER_TLS_CERT"
        : "VIGIL_CLUSTER_TLS_CA", "the event bus needs its certificate, key and CA together");
  }

  static EventBusTls fromEnv(EnvReader r) {
    return new EventBusTls(PemFiles.certificates(r, "VIGIL_CLUSTER_TLS_CERT"), PemFiles.privateKey(r, "VIGIL_CLUSTER_TLS_KEY"),
        PemFiles.certificates(r, "VIGIL_CLUSTER_TLS_CA"));
  }

  public boolean enabled() {
    return certFile != null;
  }

  /** Server and client side of the event bus: own certificate, trusted CA, peer certificate required. */
  EventBusOptions apply(EventBusOptions options) {
    if (enabled()) {
      // The event bus trusts every server certificate by default (DEFAULT_TRUST_ALL): a member would
      // then deliver to any listener that joined Hazelcast, whoever signed its certificate.
      options.setSsl(true).setTrustAll(false).setClientAuth(ClientAuth.REQUIRED)
          .setKeyCertOptions(new PemKeyCertOptions().addCertPath(certFile).addKeyPath(keyFile))
          .setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    return options;
  }
}
