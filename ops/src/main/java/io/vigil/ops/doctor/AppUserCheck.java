package io.vigil.ops.doctor;

import io.vigil.ops.Deployment;
import io.vigil.ops.check.Check;
import io.vigil.sentinelconfig.ApplicationAcl;
import io.vigil.resp.Credentials;
import io.vigil.resp.RespConnection;
import java.util.List;

/**
 * The application user on every data node: it exists, may run every command Vigil needs on its own keys
 * (the shipped allow-list, which includes what the Lua scripts call), and none of the dangerous ones.
 */
final class AppUserCheck {

  /** Commands that wipe, stop, reconfigure or copy out the whole server. */
  static final List<String> DANGEROUS = List.of("flushall", "flushdb", "shutdown", "debug", "config|get",
      "config|set", "config|rewrite", "keys", "acl|setuser", "monitor", "replicaof", "slaveof", "script|flush",
      "function|flush", "save", "bgsave", "sync", "psync", "migrate", "swapdb", "client|kill");

  private AppUserCheck() {}

  static Check check(Deployment deployment, List<NodeSnapshot> nodes) {
    Credentials app = deployment.settings().app();
    if (!app.isSet() || app.user() == null || app.userName().equals("default")) {
      return Check.fail("app-user", "the application logs in as the default user, which may run every command;"
          + " set REDIS_USERNAME/REDIS_PASSWORD to the user of sentinel-config/redis.conf");
    }
    return Verdicts.combine("app-user", "data nodes", nodes, node -> onNode(deployment, node));
  }

  private static Check onNode(Deployment deployment, NodeSnapshot node) {
    String user = deployment.settings().app().userName();
    String prefix = deployment.settings().prefix();
    try (RespConnection admin = deployment.admin(node.node())) {
      if (admin.command("ACL", "GETUSER", user) == null) {
        return Check.fail("app-user", "no user " + user + ": a failover to this node would lock the application out");
      }
      DryRun dryRun = new DryRun(admin, user, prefix);
      List<String> allowedDangerous = DANGEROUS.stream().filter(command -> dryRun.allowed(command)).toList();
      List<String> missing = ApplicationAcl.dataNodeCommands().stream().filter(command -> !dryRun.allowed(command))
          .toList();
      if (!allowedDangerous.isEmpty()) {
        return Check.fail("app-user", "user " + user + " may run " + String.join(", ", allowedDangerous));
      }
      if (!missing.isEmpty()) {
        return Check.fail("app-user", "user " + user + " may not run " + String.join(", ", missing)
            + " on " + prefix + ":* keys, which Vigil needs");
      }
      if (dryRun.allowed(List.of("GET", "not-" + prefix + ":doctor"))) {
        return Check.warn("app-user", "user " + user + " may touch keys outside " + prefix + ":*");
      }
      return Check.pass("app-user", "user " + user + " runs the " + ApplicationAcl.dataNodeCommands().size()
          + " commands Vigil needs on " + prefix + ":* keys only, none of " + DANGEROUS.size() + " dangerous ones");
    } catch (RuntimeException e) {
      return Check.fail("app-user", "cannot inspect ACLs as " + deployment.settings().admin() + ": " + e.getMessage());
    }
  }
}
