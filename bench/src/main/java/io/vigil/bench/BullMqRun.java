package io.vigil.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * BullMQ 6.7.0 beside Vigil: {@code bench/bullmq/bench.mjs} on the same workloads and the same Redis, in the
 * same run, so both sets of figures see the same machine. npm installs the pinned versions (package.json)
 * the first time; without Node the comparison is skipped with a note, never silently.
 */
final class BullMqRun {
  private BullMqRun() {
  }

  static void run(BenchTarget target, int jobs) throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("vigil.bullmqDir", "bench/bullmq")).toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("bench.mjs"))) {
      System.out.println("# bullmq: skipped, " + dir.resolve("bench.mjs") + " not found");
      return;
    }
    if (!Files.isDirectory(dir.resolve("node_modules").resolve("bullmq"))) {
      System.out.println("# bullmq: installing bullmq 6.7.0 with npm install in " + dir);
      if (exec(dir, Map.of(), List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")) != 0) {
        System.out.println("# bullmq: skipped, npm install failed");
        return;
      }
    }
    Map<String, String> env = Map.of("BENCH_REDIS_HOST", target.host, "BENCH_REDIS_PORT", Integer.toString(target.port),
        "BENCH_REDIS_PASSWORD", target.password == null ? "" : target.password, "BENCH_JOBS", Integer.toString(jobs));
    if (exec(dir, env, List.of("node", "bench.mjs")) != 0) {
      System.out.println("# bullmq: its run failed (see above)");
    }
  }

  /** Runs a command in {@code dir} with this process's output; a missing program counts as a failure. */
  private static int exec(Path dir, Map<String, String> env, List<String> command) throws InterruptedException {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).inheritIO()
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(env);
      return builder.start().waitFor();
    } catch (IOException e) {
      System.out.println("# bullmq: cannot run " + command.get(0) + ": " + e.getMessage());
      return -1;
    }
  }
}
