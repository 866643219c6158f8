package io.vigil.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secrets given either as {@code NAME} or as {@code NAME_FILE}, a file holding the value (Docker and Kubernetes
 * secrets), so a password can be rotated by rewriting the file. Both set is refused. A file's trailing line
 * break is not part of the secret (editors and {@code echo} add one); an empty file is refused.
 * Messages name the variable and the file, never the content.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /** The file path of {@code NAME_FILE}, or null when the secret is given as {@code NAME} (or not at all). */
  public static String path(EnvReader r, String name) {
    String file = r.string(name + "_FILE", null);
    SettingsException.require(file == null || r.secret(name) == null, name + "_FILE",
        "set only one of " + name + " and " + name + "_FILE");
    return file;
  }

  /** The secret from {@code NAME} or from the file {@code NAME_FILE} names; null when neither is set. */
  public static String secret(EnvReader r, String name) {
    String file = path(r, name);
    if (file == null) {
      return r.secret(name);
    }
    try {
      return read(Path.of(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new SettingsException(name + "_FILE", "cannot read " + file + " (" + describe(e) + ")");
    }
  }

  /** A Redis password from {@code NAME} or {@code NAME_FILE}, refused when shorter than 16 characters. */
  public static String password(EnvReader r, String name) {
    return EnvReader.checkedPassword(name, secret(r, name));
  }

  /** Reads a secret file now; fails when it is unreadable or empty. Blocking: not on an event loop. */
  public static String read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  /** The secret in a file's bytes (UTF-8, one trailing line break dropped); refuses an empty one. */
  public static String parse(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("the file is empty");
    }
    return text;
  }

  private static String describe(Exception e) {
    return e instanceof IllegalArgumentException ? e.getMessage() : e.getClass().getSimpleName();
  }
}
