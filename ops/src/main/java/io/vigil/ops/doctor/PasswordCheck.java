package io.vigil.ops.doctor;

import io.vigil.ops.Deployment;
import io.vigil.ops.check.Check;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * During a password rotation ({@code vigil doctor --previous-password-file}): one line per data node and
 * Sentinel saying whether it accepts the roles' current password (REDIS_PASSWORD / REDIS_SENTINEL_PASSWORD,
 * or their files) and whether it still accepts the previous one. PASS: current only (rotation finished);
 * WARN: both (finish with {@code ACL SETUSER <user> <old}); FAIL: current refused (roles would be locked out).
 */
final class PasswordCheck {
  static final String ITEM = "password-rotation";

  private PasswordCheck() {}

  static List<Check> all(Deployment deployment, List<Endpoint> dataNodes, String previous) {
    List<Check> checks = new ArrayList<>();
    Credentials app = deployment.settings().app();
    for (Endpoint node : dataNodes) {
      checks.add(node(deployment, node, "data node", app, previous));
    }
    Credentials sentinel = deployment.settings().sentinel();
    for (Endpoint node : deployment.settings().sentinels()) {
      checks.add(node(deployment, node, "Sentinel", sentinel, previous));
    }
    return checks;
  }

  private static Check node(Deployment deployment, Endpoint node, String kind, Credentials current, String previous) {
    String where = kind + " " + node + " user " + current.userName() + ": ";
    if (!current.isSet()) {
      return Check.fail(ITEM, where + "the roles send no password here, nothing to rotate");
    }
    Boolean acceptsCurrent = accepts(deployment, node, current);
    Boolean acceptsPrevious = accepts(deployment, node, new Credentials(current.user(), previous));
    if (acceptsCurrent == null || acceptsPrevious == null) {
      return Check.fail(ITEM, where + "cannot reach the node");
    }
    String seen = (acceptsCurrent ? "accepts current" : "REFUSES current") + ", "
        + (acceptsPrevious ? "still accepts previous" : "refuses previous");
    if (!acceptsCurrent) {
      return Check.fail(ITEM, where + seen + " (the roles cannot log in after a reconnect)");
    }
    return acceptsPrevious ? Check.warn(ITEM, where + seen + " (rotation not finished)") : Check.pass(ITEM, where + seen);
  }

  /** True if AUTH succeeds, false if the node refuses the password, null if the node cannot be asked. */
  private static Boolean accepts(Deployment deployment, Endpoint node, Credentials credentials) {
    try (RespConnection ignored = RespConnection.open(node, credentials, deployment.settings().timeout())) {
      return true;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      return message.contains("WRONGPASS") || message.contains("invalid password") ? false : null;
    }
  }
}
