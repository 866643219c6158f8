package io.vigil.ops.local;

import io.vigil.ops.resp.Credentials;
import io.vigil.ops.resp.Endpoint;
import io.vigil.ops.resp.RespConnection;
import io.vigil.ops.resp.Replies;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a local topology is ready: every Sentinel names the same master, sees two linked
 * replicas and two other Sentinels, and reports a reachable quorum.
 */
final class LocalTopologyHealth {

  private final String masterName;
  private final List<Endpoint> sentinels;
  private final Credentials credentials;

  LocalTopologyHealth(String masterName, List<Endpoint> sentinels, Credentials credentials) {
    this.masterName = masterName;
    this.sentinels = sentinels;
    this.credentials = credentials;
  }

  /** The master the first answering Sentinel names. */
  Endpoint master() {
    RuntimeException last = new IllegalStateException("no Sentinel configured");
    for (Endpoint sentinel : sentinels) {
      try (RespConnection connection = RespConnection.open(sentinel, credentials, Duration.ofSeconds(2))) {
        List<?> reply = (List<?>) connection.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        return new Endpoint((String) reply.get(0), Integer.parseInt((String) reply.get(1)));
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new IllegalStateException("no Sentinel named master " + masterName + ": " + last.getMessage(), last);
  }

  void awaitHealthy(Endpoint master, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String missing = "not checked yet";
    while (System.nanoTime() < deadline) {
      missing = missing(master);
      if (missing == null) {
        return;
      }
      ManagedProcess.pause(100);
    }
    throw new IllegalStateException("local topology not healthy after " + timeout.toSeconds() + " s: " + missing);
  }

  /** What is still missing, or null when healthy. */
  private String missing(Endpoint master) {
    for (Endpoint sentinel : sentinels) {
      try (RespConnection connection = RespConnection.open(sentinel, credentials, Duration.ofSeconds(2))) {
        Map<String, String> view = Replies.pairs(connection.command("SENTINEL", "MASTER", masterName));
        if (!master.host().equals(view.get("ip")) || !String.valueOf(master.port()).equals(view.get("port"))
            || !"master".equals(view.get("flags"))) {
          return sentinel + " sees master " + view.get("ip") + ":" + view.get("port") + " flags " + view.get("flags");
        }
        long linked = ((List<?>) connection.command("SENTINEL", "REPLICAS", masterName)).stream().map(Replies::pairs)
            .filter(r -> "slave".equals(r.get("flags")) && "ok".equals(r.get("master-link-status"))).count();
        if (linked < 2 || Integer.parseInt(view.getOrDefault("num-other-sentinels", "0")) < 2) {
          return sentinel + " sees " + linked + " linked replicas and " + view.get("num-other-sentinels")
              + " other Sentinels";
        }
        connection.command("SENTINEL", "CKQUORUM", masterName);
      } catch (RuntimeException e) {
        return sentinel + ": " + e.getMessage();
      }
    }
    return null;
  }
}
