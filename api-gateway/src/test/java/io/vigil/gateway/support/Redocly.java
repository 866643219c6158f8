package io.vigil.gateway.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redocly's OpenAPI linter ({@code @redocly/cli}, pinned), installed from npm on first use into a cache folder
 * ({@code ~/.cache/vigil/redocly-cli-<version>}, or {@code REDOCLY_CLI_DIR}), never globally. Needs Node and npm.
 */
public final class Redocly {
  public static final String VERSION = "2.77.0";

  /** The linter's totals, and its full JSON report for the failure message. */
  public record Lint(int errors, int warnings, String report) {
  }

  private Redocly() {
  }

  /** {@code redocly lint --extends=recommended} on {@code file}. */
  public static Lint lintRecommended(Path file) throws IOException, InterruptedException {
    Path cli = installed();
    String report = run(List.of(cli.toString(), "lint", "--extends=recommended", "--format=json", file.toString()),
        120, false);
    JsonObject totals = new JsonObject(report.substring(report.indexOf('{'))).getJsonObject("totals");
    return new Lint(totals.getInteger("errors"), totals.getInteger("warnings"), report);
  }

  private static Path installed() throws IOException, InterruptedException {
    String configured = System.getenv("REDOCLY_CLI_DIR");
    Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "vigil", "redocly-cli-" + VERSION);
    Path cli = dir.resolve("node_modules").resolve(".bin").resolve("redocly");
    if (!Files.isExecutable(cli)) {
      Files.createDirectories(dir);
      run(List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund", "--loglevel=error",
          "@redocly/cli@" + VERSION), 600, true);
    }
    return cli;
  }

  /** Standard output; standard error (npm's progress, Node's banners) goes to the test log. */
  private static String run(List<String> command, int timeoutSeconds, boolean mustSucceed)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("did not finish within " + timeoutSeconds + " s: " + command);
    }
    if (mustSucceed && process.exitValue() != 0) {
      throw new IllegalStateException("exit " + process.exitValue() + ": " + command + " (needs Node and npm)");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
