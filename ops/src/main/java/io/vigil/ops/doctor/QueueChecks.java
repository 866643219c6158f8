package io.vigil.ops.doctor;

import io.vigil.core.keys.QueueKeys;
import io.vigil.ops.Deployment;
import io.vigil.ops.check.Check;
import io.vigil.resp.Endpoint;
import io.vigil.resp.RespConnection;
import java.util.ArrayList;
import java.util.List;

/** Queue depths and failed-job counts, one line per queue listed in {@code <prefix>:queues}. */
final class QueueChecks {

  private static final int MAX_LINES = 50;

  private QueueChecks() {}

  static List<Check> all(Deployment deployment, Endpoint master) {
    String prefix = deployment.settings().prefix();
    List<Check> checks = new ArrayList<>();
    try (RespConnection admin = deployment.admin(master)) {
      List<String> queues = ((List<?>) admin.command("SMEMBERS", QueueKeys.queuesKey(prefix))).stream()
          .map(String::valueOf).sorted().toList();
      if (queues.isEmpty()) {
        return List.of(Check.pass("queues", "no queue under prefix " + prefix + " yet (db " + deployment.settings().db() + ")"));
      }
      for (String queue : queues.subList(0, Math.min(MAX_LINES, queues.size()))) {
        checks.add(queue(admin, prefix, queue));
      }
      if (queues.size() > MAX_LINES) {
        checks.add(Check.pass("queues", (queues.size() - MAX_LINES) + " more queues not shown"));
      }
      return checks;
    } catch (RuntimeException e) {
      return List.of(Check.fail("queues", "cannot read the queues on " + master + ": " + e.getMessage()));
    }
  }

  private static Check queue(RespConnection admin, String prefix, String queue) {
    QueueKeys keys;
    try {
      keys = new QueueKeys(prefix, queue);
    } catch (RuntimeException e) {
      return Check.warn("queue " + queue, "invalid queue name in " + QueueKeys.queuesKey(prefix) + ": " + e.getMessage());
    }
    long waiting = (Long) admin.command("ZCARD", keys.waiting());
    long delayed = (Long) admin.command("ZCARD", keys.delayed());
    long active = (Long) admin.command("ZCARD", keys.active());
    long failed = (Long) admin.command("ZCARD", keys.failed());
    String detail = "waiting=" + waiting + " delayed=" + delayed + " active=" + active + " failed=" + failed;
    return failed > 0 ? Check.warn("queue " + queue, detail + " (inspect failed jobs; retry or remove them)")
        : Check.pass("queue " + queue, detail);
  }
}
