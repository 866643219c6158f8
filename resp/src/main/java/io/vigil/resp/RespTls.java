package io.vigil.resp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for blocking RESP connections, verified as the roles' Vert.x client verifies it: the server's chain against a
 * PEM CA bundle (or the JVM's trust store) and its host name or IP against the certificate; optionally a client
 * certificate (PEM, PKCS#8 key) for servers with {@code tls-auth-clients yes}.
 */
public final class RespTls {
  private final SSLContext context;

  private RespTls(SSLContext context) {
    this.context = context;
  }

  /** From PEM files (paths, each may be null: the JVM's trust store, no client certificate). */
  public static RespTls of(String caFile, String certFile, String keyFile) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(caFile == null ? null : keyStore(certificates(caFile), null, null));
      KeyManagerFactory keys = null;
      if (certFile != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(certificates(certFile), privateKey(keyFile), new char[0]), new char[0]);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return new RespTls(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS from " + caFile + ", " + certFile + ": " + e.getMessage(), e);
    }
  }

  /** TLS over the connected {@code plain} socket, handshake done and the server's name checked against {@code endpoint}. */
  Socket wrap(Socket plain, Endpoint endpoint) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.host(), endpoint.port(), true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static KeyStore keyStore(Collection<? extends Certificate> certificates, PrivateKey key, char[] password)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + i++, certificate);
    }
    if (key != null) {
      store.setKeyEntry("client", key, password, certificates.toArray(Certificate[]::new));
    }
    return store;
  }

  private static Collection<? extends Certificate> certificates(String file) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A PKCS#8 PEM key ("BEGIN PRIVATE KEY"), RSA or EC. */
  private static PrivateKey privateKey(String file) throws GeneralSecurityException {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException(file + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
