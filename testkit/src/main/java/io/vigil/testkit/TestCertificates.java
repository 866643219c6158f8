package io.vigil.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for TLS tests: a CA and the certificates it issues, written as PEM
 * files (certificate, PKCS#8 key) into one folder, the form Redis, Vert.x and Vigil's settings read.
 * Each instance is a separate CA, so a second instance is "a CA nobody trusts".
 */
public final class TestCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path directory;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCert;

  /** An issued certificate: its PEM file and its private key's PEM file. */
  public record Issued(Path cert, Path key) {
  }

  private TestCertificates(Path directory, String name) {
    this.directory = directory;
    this.name = name;
    this.caKeys = newKeys();
    this.caCert = sign(new X500Name("CN=" + name), caKeys, true, List.of());
    write(caFile(), caCert);
  }

  /** A new CA named {@code name}, its files in {@code directory} (created if needed). */
  public static TestCertificates authority(Path directory, String name) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestCertificates(directory, name);
  }

  /** The CA certificate's PEM file: what a client that verifies the chain trusts. */
  public Path caFile() {
    return directory.resolve(name + "-ca.pem");
  }

  /** A certificate for {@code localhost} and {@code 127.0.0.1}, valid for server and client use. */
  public Issued issue(String subject) {
    return issue(subject, List.of("localhost", "127.0.0.1"));
  }

  /** A certificate whose subject alternative names are {@code names} (IP literals become IP entries). */
  public Issued issue(String subject, List<String> names) {
    KeyPair keys = newKeys();
    List<GeneralName> sans = new ArrayList<>();
    for (String n : names) {
      boolean ip = n.matches("[0-9.]+") || n.contains(":");
      sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
    }
    X509Certificate cert = sign(new X500Name("CN=" + subject), keys, false, sans);
    Issued issued = new Issued(directory.resolve(name + "-" + subject + ".pem"),
        directory.resolve(name + "-" + subject + "-key.pem"));
    write(issued.cert(), cert);
    write(issued.key(), keys.getPrivate());
    return issued;
  }

  private X509Certificate sign(X500Name subject, KeyPair keys, boolean ca, List<GeneralName> sans) {
    try {
      Instant now = Instant.now();
      X500Name issuer = ca ? subject : new X500Name(caCert.getSubjectX500Principal().getName());
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(ca ? keys.getPrivate() : caKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a test certificate", e);
    }
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, Object pemObject) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      // A private key is written as PKCS#8 ("PRIVATE KEY"), which OpenSSL and Vert.x both read.
      pem.writeObject(pemObject instanceof java.security.PrivateKey key
          ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : pemObject);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
