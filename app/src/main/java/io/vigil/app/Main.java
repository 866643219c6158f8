package io.vigil.app;

import io.vigil.ops.drill.FailoverDrill;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of {@code vigil.jar}: runs a role, the dev topology, or an ops command. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: vigil.jar gateway|worker|dispatcher|all|dev|drill|health|doctor|backup|restore [args]");
      System.exit(2);
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    Map<String, String> env = System.getenv();
    switch (command) {
      case "drill" -> FailoverDrill.main(rest);
      case "dev" -> System.exit(DevCommand.run(rest, env));
      case "health", "doctor", "backup", "restore" -> System.exit(OpsCommands.run(command, rest, env));
      default -> runRoles(command, env);
    }
  }

  /** Starts the roles, then waits for SIGTERM/Ctrl-C and shuts down gracefully. */
  static void runRoles(String command, Map<String, String> env) throws InterruptedException {
    NodeSettings settings;
    try {
      Set<Role> roles = Role.parse(command);
      settings = NodeSettings.fromEnv(roles, env);
    } catch (IllegalArgumentException | io.vigil.core.error.InvalidRequestException e) {
      System.err.println("vigil: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    VigilNode node;
    try {
      node = VigilNode.start(settings).await();
    } catch (Exception e) {
      System.err.println("vigil: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutdown=begin");
      try {
        node.stop().toCompletionStage().toCompletableFuture().get();
      } catch (Exception e) {
        log.warn("shutdown=failed error={}", e.toString());
      }
      log.info("shutdown=done");
      stopped.countDown();
    }, "vigil-shutdown"));
    String roles = String.join(",", settings.roles().stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList());
    System.out.println("vigil ready roles=" + roles + " http=http://"
        + (settings.cluster().enabled() ? settings.cluster().host() : "127.0.0.1") + ":" + node.httpPort());
    stopped.await();
  }
}
