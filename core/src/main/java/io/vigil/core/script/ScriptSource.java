package io.vigil.core.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Loads one script from the classpath and expands {@code -- @include name} lines with
 * {@code lua/includes/name.lua}, so shared steps (promote, move to active, trim) are written once.
 */
public record ScriptSource(String text, String sha1) {
  private static final String INCLUDE = "-- @include ";

  public static ScriptSource load(String name) {
    String raw = read("lua/" + name + ".lua");
    StringBuilder out = new StringBuilder(raw.length() * 2);
    for (String line : raw.split("\n", -1)) {
      if (line.startsWith(INCLUDE)) {
        out.append(read("lua/includes/" + line.substring(INCLUDE.length()).trim() + ".lua"));
      } else {
        out.append(line).append('\n');
      }
    }
    String text = out.toString();
    return new ScriptSource(text, sha1Hex(text));
  }

  private static String read(String path) {
    try (InputStream in = ScriptSource.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
