package io.vigil.ops;

import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.MasterLookup;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespTls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The ops commands' view of one deployment: its master, and short-lived connections the caller closes. */
public final class Deployment {

  private final OpsSettings settings;
  private final RespTls sentinelTls;
  private final RespTls dataTls;

  public Deployment(OpsSettings settings) {
    this.settings = settings;
    this.sentinelTls = settings.sentinelTls();
    this.dataTls = settings.dataTls();
  }

  public OpsSettings settings() {
    return settings;
  }

  public MasterLookup lookup() {
    return new MasterLookup(settings.masterName(), settings.sentinels(), settings.sentinel(), settings.timeout(),
        sentinelTls, dataTls);
  }

  /** The Sentinels' vote verified with ROLE as the administrator, or the standalone address. */
  public Endpoint master() {
    if (!settings.sentinelMode()) {
      return settings.standalone();
    }
    return lookup().master(settings.admin());
  }

  /** The replicas of {@code master} online and acknowledged within the last second (announced addresses). */
  public List<Endpoint> replicasInSync(Endpoint master) {
    try (RespConnection admin = admin(master)) {
      return replicas(Replies.info(admin.command("INFO", "replication")),
          r -> "online".equals(r.get("state")) && Long.parseLong(r.getOrDefault("lag", "9")) <= 1);
    }
  }

  /** The replicas INFO replication lists with a port (a backup's download has none) that pass {@code filter}. */
  public static List<Endpoint> replicas(Map<String, String> replication, Predicate<Map<String, String>> filter) {
    return Replies.replicas(replication).stream().filter(r -> r.containsKey("ip") && !"0".equals(r.get("port")))
        .filter(filter).map(r -> new Endpoint(r.get("ip"), Integer.parseInt(r.get("port")))).toList();
  }

  /** Waits until {@code replica} applied all {@code master} had written now; false when not within {@code timeout}. */
  public boolean awaitCaughtUp(Endpoint master, Endpoint replica, Duration timeout) {
    long target;
    try (RespConnection admin = admin(master)) {
      target = Long.parseLong(Replies.info(admin.command("INFO", "replication")).getOrDefault("master_repl_offset", "0"));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try (RespConnection admin = admin(replica)) {
      while (true) {
        Map<String, String> info = Replies.info(admin.command("INFO", "replication"));
        if (Long.parseLong(info.getOrDefault("slave_repl_offset", "-1")) >= target) {
          return true;
        }
        if (System.nanoTime() > deadline) {
          return false;
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a replica to catch up", e);
    }
  }

  public RespConnection sentinel(Endpoint sentinel) {
    return sentinel(sentinel, settings.sentinel());
  }

  /** A Sentinel connection as {@code credentials} ({@link Credentials#NONE}: anonymous), over TLS when configured. */
  public RespConnection sentinel(Endpoint sentinel, Credentials credentials) {
    return RespConnection.open(sentinel, credentials, settings.timeout(), sentinelTls);
  }

  /** A data node connection as {@code credentials}, over TLS when configured, without SELECT. */
  public RespConnection node(Endpoint node, Credentials credentials) {
    return RespConnection.open(node, credentials, settings.timeout(), dataTls);
  }

  public RespConnection data(Endpoint node, Credentials credentials) {
    RespConnection connection = node(node, credentials);
    if (settings.db() != 0) {
      try {
        connection.command("SELECT", Integer.toString(settings.db()));
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  public RespConnection admin(Endpoint node) {
    return data(node, settings.admin());
  }

  public RespConnection app(Endpoint node) {
    return data(node, settings.app());
  }
}
