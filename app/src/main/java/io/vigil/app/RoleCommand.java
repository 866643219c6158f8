package io.vigil.app;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code vigil gateway|worker|dispatcher|all|ROLE,ROLE}: starts the roles, prints the ready line, then waits
 * for SIGTERM/Ctrl-C and shuts down gracefully. Configured from the environment only; it takes no flags.
 */
@Command(footer = {"Configured from the REDIS_* and VIGIL_* variables (README, Configuration).",
    "SIGTERM or Ctrl-C stops gracefully.",
    "Exit: 0 after a graceful stop, 1 could not start, 2 bad flag or configuration."})
final class RoleCommand implements Callable<Integer> {
  private final Set<Role> roles;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  RoleCommand(Set<Role> roles, Map<String, String> env, PrintStream out, PrintStream err) {
    this.roles = Set.copyOf(roles);
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    NodeSettings settings;
    try {
      settings = NodeSettings.fromEnv(roles, env);
    } catch (IllegalArgumentException e) {
      err.println("vigil: configuration error: " + e.getMessage());
      return 2;
    }
    VigilNode node;
    try {
      node = VigilNode.start(settings).await();
    } catch (Exception e) {
      err.println("vigil: could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = node.stopOnShutdown(() -> { });
    String names = String.join(",", settings.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    out.println("vigil ready roles=" + names + " http=http://"
        + (settings.cluster().enabled() ? settings.cluster().host() : "127.0.0.1") + ":" + node.httpPort());
    stopped.await();
    return 0;
  }
}
