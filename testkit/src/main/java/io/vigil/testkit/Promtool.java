package io.vigil.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's {@code promtool} (Debian package {@code prometheus}; {@code PROMTOOL_BIN} names another).
 * A missing binary fails the test with the package to install, never skips it.
 */
public final class Promtool {
  public static final String VARIABLE = "PROMTOOL_BIN";

  /** The exit code and the merged standard output and error. */
  public record Result(int exit, String output) {
  }

  private Promtool() {
  }

  /** {@code promtool ARGS}, with {@code stdin} (or nothing) as standard input; at most 60 s. */
  public static Result run(Path stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
        : ProcessBuilder.Redirect.from(stdin.toFile()));
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish within 60 s: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static String binary() {
    String explicit = System.getenv(VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("promtool not found: install the Debian package prometheus (.ci/run does) "
        + "or set " + VARIABLE);
  }
}
