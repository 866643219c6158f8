package io.vigil.ops.doctor;

import io.vigil.ops.Deployment;
import io.vigil.ops.check.Check;
import io.vigil.ops.check.CheckReport;
import io.vigil.resp.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the production checklist: finds the master and its replicas, judges every data node's settings (any can
 * become master), then replication, the Sentinel tier, the application user and the queues.
 */
public final class Doctor {

  private final Deployment deployment;
  private final String previousPassword;

  public Doctor(Deployment deployment) {
    this(deployment, null);
  }

  /** {@code previousPassword} non-null: also report, per node, which of the two passwords it accepts. */
  public Doctor(Deployment deployment, String previousPassword) {
    this.deployment = deployment;
    this.previousPassword = previousPassword;
  }

  public void examine(CheckReport report) {
    Endpoint master;
    try {
      master = deployment.master();
    } catch (RuntimeException e) {
      report.add(Check.fail("master", e.getMessage()));
      report.addAll(SentinelChecks.all(deployment));
      if (previousPassword != null) {
        // Without a master the data nodes are unknown, but the Sentinels can still say which password they take.
        report.addAll(PasswordCheck.all(deployment, List.of(), previousPassword));
      }
      return;
    }
    NodeSnapshot masterNode = NodeSnapshot.read(deployment, master);
    Set<Endpoint> nodes = new LinkedHashSet<>(List.of(master));
    nodes.addAll(Deployment.replicas(masterNode.info(), replica -> true));
    List<NodeSnapshot> snapshots = new ArrayList<>(List.of(masterNode));
    nodes.stream().skip(1).map(node -> NodeSnapshot.read(deployment, node)).forEach(snapshots::add);
    report.add(Check.pass("master", master + (deployment.settings().sentinelMode()
        ? " (named by the Sentinels as " + deployment.settings().masterName() + ")" : " (standalone)")));

    report.addAll(DataNodeChecks.all(snapshots));
    int expected = deployment.settings().sentinelMode() ? SentinelChecks.knownReplicas(deployment) : 0;
    report.add(ReplicationCheck.check(masterNode, expected));
    report.addAll(SentinelChecks.all(deployment));
    report.add(AppUserCheck.check(deployment, snapshots));
    if (previousPassword != null) {
      report.addAll(PasswordCheck.all(deployment, List.copyOf(nodes), previousPassword));
    }
    report.addAll(QueueChecks.all(deployment, master));
  }
}
