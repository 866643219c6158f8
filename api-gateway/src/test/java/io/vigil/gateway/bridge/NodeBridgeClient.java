package io.vigil.gateway.bridge;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The test's outside service: {@code bridge-check.cjs} run by Node, with the Vert.x event-bus client from the
 * npm registry installed once under target/bridge-client (npm's own cache keeps later installs offline).
 */
final class NodeBridgeClient {
  static final Path DIR = Path.of("target", "bridge-client");

  private NodeBridgeClient() {}

  /** Copies the script and package.json out of the test resources and runs npm install when needed. */
  static synchronized void install() throws IOException, InterruptedException {
    Files.createDirectories(DIR);
    for (String file : List.of("package.json", "bridge-check.cjs")) {
      try (InputStream in = NodeBridgeClient.class.getResourceAsStream("/bridge-client/" + file)) {
        Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (Files.isDirectory(DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js"))) {
      return;
    }
    Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
        .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(DIR.resolve("npm-install.log").toFile()).start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm install failed in " + DIR + ": " + Files.readString(DIR.resolve("npm-install.log")));
    }
  }

  /** Runs the script; each JSON line it prints goes to {@code onStep} as it arrives. Returns every step. */
  static List<JsonObject> run(List<String> args, Consumer<JsonObject> onStep) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "bridge-check.cjs"));
    command.addAll(args);
    Path errors = DIR.resolve("node-" + args.get(0) + ".err");
    Process node = new ProcessBuilder(command).directory(DIR.toFile()).redirectError(errors.toFile()).start();
    List<JsonObject> steps = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonObject step = new JsonObject(line);
        steps.add(step);
        onStep.accept(step);
      }
    } finally {
      if (!node.waitFor(40, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
    if (node.exitValue() != 0) {
      throw new IllegalStateException("node exited " + node.exitValue() + " after " + steps + "; stderr: "
          + Files.readString(errors));
    }
    return steps;
  }
}
