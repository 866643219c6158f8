package io.vigil.topology;

import io.vigil.sentinelconfig.Secrets;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The passwords of {@code ./vigil dev}, generated once and kept in {@code <dataDir>/credentials.properties}
 * (owner-only), so a restarted topology and {@code vigil doctor} in another terminal use the same ones.
 */
public final class LocalCredentials {

  public static final String FILE = "credentials.properties";
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalCredentials() {}

  public static Secrets loadOrCreate(Path dataDir, String appUser) {
    Path file = dataDir.resolve(FILE);
    Properties properties = new Properties();
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          properties.load(reader);
        }
      }
      boolean changed = false;
      for (String name : new String[] {"admin.password", "monitor.password", "sentinel.password", "app.password"}) {
        if (properties.getProperty(name, "").isBlank()) {
          properties.setProperty(name, generate());
          changed = true;
        }
      }
      if (changed) {
        StringWriter text = new StringWriter();
        properties.store(text, "Passwords of the local Vigil topology (./vigil dev); delete to generate new ones");
        ProcessBackend.writeOwnerOnly(file, text.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
    return new Secrets(properties.getProperty("admin.password"), properties.getProperty("monitor.password"),
        properties.getProperty("sentinel.password"), appUser, properties.getProperty("app.password"));
  }

  static String generate() {
    return RANDOM.ints(32, 0, ALPHABET.length()).mapToObj(i -> String.valueOf(ALPHABET.charAt(i)))
        .collect(Collectors.joining());
  }
}
