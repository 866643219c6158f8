package io.vigil.ops.doctor;

import io.vigil.ops.Deployment;
import io.vigil.ops.OpsSettings;
import io.vigil.ops.check.Check;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import java.util.List;

/**
 * The Sentinel tier: a password, the quorum (SENTINEL CKQUORUM on each), and the roles' Sentinel credential
 * (REDIS_SENTINEL_*) working there for discovery but not for reconfiguration.
 */
final class SentinelChecks {

  private static final String KIND = "Sentinels";
  /** A master name no deployment uses, so the reconfiguration probes change nothing even when allowed. */
  private static final String NO_SUCH_MASTER = "vigil-doctor-probe-no-such-master";

  private SentinelChecks() {}

  static List<Check> all(Deployment deployment) {
    OpsSettings settings = deployment.settings();
    if (!settings.sentinelMode()) {
      return List.of(Check.fail("quorum", "REDIS_SENTINELS is not set: a standalone Redis has no automatic failover"));
    }
    return List.of(
        Verdicts.combine("sentinel-auth", KIND, settings.sentinels(), s -> password(deployment, s)),
        Verdicts.combine("quorum", KIND, settings.sentinels(), s -> quorum(deployment, s)),
        Verdicts.combine("app-user-sentinel", KIND, settings.sentinels(), s -> appUser(deployment, s)));
  }

  /** How many replicas the Sentinels know of (0 when none answers). */
  static int knownReplicas(Deployment deployment) {
    for (Endpoint sentinel : deployment.settings().sentinels()) {
      try (RespConnection connection = deployment.sentinel(sentinel)) {
        return Integer.parseInt(Replies.pairs(connection.command("SENTINEL", "MASTER",
            deployment.settings().masterName())).getOrDefault("num-slaves", "0"));
      } catch (RuntimeException e) {
        // Try the next Sentinel.
      }
    }
    return 0;
  }

  private static Check password(Deployment deployment, Endpoint sentinel) {
    try (RespConnection anonymous = deployment.sentinel(sentinel, Credentials.NONE)) {
      anonymous.command("SENTINEL", "MASTERS");
      return Check.fail("sentinel-auth", "answers SENTINEL MASTERS without a password: anyone can reconfigure it"
          + " (set requirepass)");
    } catch (RespError e) {
      return Check.pass("sentinel-auth", "refuses clients without a password");
    } catch (RuntimeException e) {
      return Check.fail("sentinel-auth", "unreachable: " + e.getMessage());
    }
  }

  private static Check quorum(Deployment deployment, Endpoint sentinel) {
    try (RespConnection connection = deployment.sentinel(sentinel)) {
      return Check.pass("quorum", String.valueOf(connection.command("SENTINEL", "CKQUORUM",
          deployment.settings().masterName())));
    } catch (RuntimeException e) {
      return Check.fail("quorum", e.getMessage());
    }
  }

  private static Check appUser(Deployment deployment, Endpoint sentinel) {
    OpsSettings settings = deployment.settings();
    Credentials app = settings.sentinel();
    if (!app.isSet() || app.user() == null) {
      return Check.fail("app-user-sentinel", "the roles log in to Sentinels as the default user (REDIS_SENTINEL_USERNAME"
          + " unset), which may reconfigure them; give them the application user of sentinel-config/sentinel.conf");
    }
    try (RespConnection connection = deployment.sentinel(sentinel, app)) {
      connection.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", settings.masterName());
      for (List<String> probe : List.of(List.of("SENTINEL", "RESET", NO_SUCH_MASTER),
          List.of("SENTINEL", "CONFIG", "GET", "resolve-hostnames"), List.of("SENTINEL", "FAILOVER", NO_SUCH_MASTER))) {
        if (!refused(connection, probe)) {
          return Check.fail("app-user-sentinel", "user " + app.userName() + " may run " + String.join(" ", probe.subList(0, 2))
              + ": the application could reconfigure Sentinel");
        }
      }
      return Check.pass("app-user-sentinel", "user " + app.userName() + " can discover the master, cannot reconfigure");
    } catch (RuntimeException e) {
      return Check.fail("app-user-sentinel", "user " + app.userName() + " (REDIS_SENTINEL_USERNAME) cannot ask for the"
          + " master: " + e.getMessage());
    }
  }

  private static boolean refused(RespConnection connection, List<String> probe) {
    try {
      connection.command(probe);
      return false;
    } catch (RespError e) {
      return e.code().equals("NOPERM");
    }
  }
}
