package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates one fresh folder per server or topology under the calling module's {@code target/redis-test/},
 * so logs survive a failed build for reading and no run ever sees another run's data.
 */
public final class TestDirectories {

  public static final String BASE_PROPERTY = "vigil.testkit.dir";

  private TestDirectories() {}

  public static Path create(String name) {
    Path base = base();
    try {
      Files.createDirectories(base);
      // createTempDirectory adds a random suffix, which is what makes concurrent runs safe.
      return Files.createTempDirectory(base, sanitize(name) + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a test folder under " + base, e);
    }
  }

  private static Path base() {
    String explicit = System.getProperty(BASE_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    // Surefire sets basedir to the module; user.dir is the module too unless a fork changed it.
    String module = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(module, "target", "redis-test");
  }

  private static String sanitize(String name) {
    String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.isEmpty() ? "redis" : cleaned;
  }
}
