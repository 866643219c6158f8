package io.vigil.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * Settings that name PEM files (certificates, CA bundles, private keys): checked at start, so a missing
 * or wrong file stops the process with {@code VARIABLE: why} instead of failing at the first handshake.
 * The messages name the file but never show its content.
 */
public final class PemFiles {
  private PemFiles() {}

  /** The path of a readable PEM file with at least one X.509 certificate; null when unset. */
  public static String certificates(EnvReader r, String name) {
    String path = r.string(name, null);
    if (path == null) {
      return null;
    }
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      SettingsException.require(!CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty(), name,
          path + " holds no PEM certificate");
    } catch (IOException e) {
      throw new SettingsException(name, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    } catch (CertificateException e) {
      throw new SettingsException(name, path + " is not a PEM certificate file");
    }
    return path;
  }

  /** The path of a readable PEM private key (PKCS#8, RSA or EC); null when unset. */
  public static String privateKey(EnvReader r, String name) {
    String path = r.string(name, null);
    if (path == null) {
      return null;
    }
    String text;
    try {
      text = Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new SettingsException(name, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    SettingsException.require(text.contains("-----BEGIN ") && text.contains("PRIVATE KEY-----"), name,
        path + " is not a PEM private key");
    return path;
  }

  /** Fails unless both of a certificate/key pair are set or neither is. */
  public static void requirePair(String cert, String certName, String key, String keyName) {
    SettingsException.require(cert != null || key == null, certName, "must be set with " + keyName);
    SettingsException.require(key != null || cert == null, keyName, "must be set with " + certName);
  }
}
