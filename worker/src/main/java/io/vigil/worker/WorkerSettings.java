package io.vigil.worker;

import static io.vigil.settings.SettingsException.require;

import io.vigil.core.keys.Names;
import io.vigil.settings.EnvReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a worker JVM consumes (the VIGIL_WORKER_* variables of the README and VIGIL_SHUTDOWN_GRACE_MS),
 * validated once; each error names its setting.
 */
public record WorkerSettings(List<String> queues, int concurrency, int instances, long shutdownGraceMs,
                             long heartbeatMs, String workerId, String host) {
  public static final int MAX_WORKER_ID_LENGTH = 100;

  public WorkerSettings {
    require(queues != null && !queues.isEmpty(), "VIGIL_WORKER_QUEUES", "must name at least one queue");
    for (String queue : queues) {
      require(Names.isValidId(queue), "VIGIL_WORKER_QUEUES",
          "'" + queue + "' is not a valid queue name (letters, digits, '.', '_', '-'; at most 128)");
    }
    require(Set.copyOf(queues).size() == queues.size(), "VIGIL_WORKER_QUEUES", "names a queue twice: " + queues);
    queues = List.copyOf(queues);
    require(concurrency >= 1 && concurrency <= 10_000, "VIGIL_WORKER_CONCURRENCY", "must be between 1 and 10000, got " + concurrency);
    require(instances >= 1 && instances <= 64, "VIGIL_WORKER_INSTANCES", "must be between 1 and 64, got " + instances);
    require(shutdownGraceMs >= 0, "VIGIL_SHUTDOWN_GRACE_MS", "must be >= 0, got " + shutdownGraceMs);
    require(heartbeatMs >= 100 && heartbeatMs <= 600_000, "VIGIL_WORKER_HEARTBEAT_MS",
        "must be between 100 and 600000, got " + heartbeatMs);
    require(workerId != null && Names.isValidId(workerId) && workerId.length() <= MAX_WORKER_ID_LENGTH, "VIGIL_WORKER_ID",
        "must be 1 to " + MAX_WORKER_ID_LENGTH + " of letters, digits, '.', '_', '-', got '" + workerId + "'");
    require(host != null && !host.isBlank(), "HOSTNAME", "must not be blank");
  }

  public static WorkerSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    String host = Objects.requireNonNullElseGet(r.string("HOSTNAME", null), WorkerSettings::localHostName);
    return new WorkerSettings(
        r.list("VIGIL_WORKER_QUEUES", "default,report-generation"),
        r.integer("VIGIL_WORKER_CONCURRENCY", 10),
        r.integer("VIGIL_WORKER_INSTANCES", 1),
        r.wholeNumber("VIGIL_SHUTDOWN_GRACE_MS", 30_000),
        r.wholeNumber("VIGIL_WORKER_HEARTBEAT_MS", 5_000),
        r.string("VIGIL_WORKER_ID", defaultWorkerId(host)),
        host);
  }

  /** The id of the n-th (1-based) worker verticle instance: the worker id itself when there is only one. */
  public String instanceId(int index) {
    return instances == 1 ? workerId : workerId + "-" + index;
  }

  /** A registration not renewed for three heartbeats is gone. */
  public long registrationTtlMs() {
    return heartbeatMs * 3;
  }

  /** {@code <host>-<pid>-<6 hex>}, reduced to the characters ids allow. */
  static String defaultWorkerId(String host) {
    String safeHost = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (safeHost.isEmpty()) {
      safeHost = "worker";
    }
    safeHost = safeHost.substring(0, Math.min(safeHost.length(), 60));
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    return safeHost + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
