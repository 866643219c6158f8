package io.vigil.ops.local;

import io.vigil.sentinelconfig.DataNodeSettings;
import io.vigil.sentinelconfig.Secrets;
import io.vigil.sentinelconfig.SentinelConfigRenderer;
import io.vigil.sentinelconfig.SentinelNodeSettings;
import io.vigil.ops.resp.Credentials;
import io.vigil.ops.resp.Endpoint;
import io.vigil.ops.resp.RespConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master, two replicas and three Sentinels on this machine, running the shipped sentinel-config files
 * with production settings (persistence on, production timers), for {@code ./vigil dev}.
 *
 * <ol>
 *   <li>{@link #start} renders every config file under the data folder, starts the data nodes, then the
 *       Sentinels, and returns once the Sentinels agree on the master, see both replicas and each other.
 *   <li>Data survives restarts: the node that was master when the topology was closed starts as master
 *       again (remembered in {@code topology.properties}); passwords stay in {@code credentials.properties}.
 *   <li>{@link #close} (also run by a shutdown hook) stops the Sentinels first, so stopping the data nodes
 *       triggers no failover, then the replicas, then the master; SIGTERM makes each save its data.
 * </ol>
 */
public final class LocalSentinelTopology implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalSentinelTopology.class);

  private final LocalTopologySettings settings;
  private final Secrets secrets;
  private final List<Endpoint> dataNodes;
  private final List<Endpoint> sentinels;
  private final List<ManagedProcess> dataProcesses = new ArrayList<>();
  private final List<ManagedProcess> sentinelProcesses = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook = new Thread(this::close, "vigil-local-topology-shutdown");

  private LocalSentinelTopology(LocalTopologySettings settings, Secrets secrets, List<Endpoint> dataNodes,
      List<Endpoint> sentinels) {
    this.settings = settings;
    this.secrets = secrets;
    this.dataNodes = dataNodes;
    this.sentinels = sentinels;
  }

  /** Free loopback ports, data under {@code dataDir}, generated passwords. */
  public static LocalSentinelTopology start(Path dataDir) {
    return start(LocalTopologySettings.builder(dataDir).build());
  }

  public static LocalSentinelTopology start(LocalTopologySettings settings) {
    RedisExecutables executables = new RedisExecutables(settings.env());
    executables.server(Path.of("redis.conf")); // a missing binary fails before anything starts
    executables.sentinel(Path.of("sentinel.conf"));
    Secrets secrets = settings.secrets() != null ? settings.secrets()
        : LocalCredentials.loadOrCreate(settings.dataDir(), settings.appUser());
    List<Integer> ports = settings.dataPorts().isEmpty() || settings.sentinelPorts().isEmpty()
        ? FreePorts.take(6) : null;
    List<Endpoint> data = endpoints(settings.host(), settings.dataPorts().isEmpty() ? ports.subList(0, 3) : settings.dataPorts());
    List<Endpoint> sentinels = endpoints(settings.host(),
        settings.sentinelPorts().isEmpty() ? ports.subList(3, 6) : settings.sentinelPorts());
    LocalSentinelTopology topology = new LocalSentinelTopology(settings, secrets, data, sentinels);
    try {
      topology.launch(executables, new TopologyState(settings.dataDir()).master());
      Runtime.getRuntime().addShutdownHook(topology.shutdownHook);
      // The topology's hook stops Sentinels first and remembers the master; the generic one must not race it.
      topology.sentinelProcesses.forEach(ManagedProcess::handOver);
      topology.dataProcesses.forEach(ManagedProcess::handOver);
      return topology;
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
  }

  /**
   * The caller takes over stopping the topology (with {@link #close}) in its own shutdown sequence, e.g. to
   * stop the roles first while Redis is still up; without this both hooks would run at once.
   */
  public LocalSentinelTopology closedByCaller() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or ran: nothing left to hand over.
    }
    return this;
  }

  public String masterName() {
    return settings.masterName();
  }

  /** {@code host:port} of every Sentinel, the REDIS_SENTINELS value. */
  public List<String> sentinelAddresses() {
    return sentinels.stream().map(Endpoint::toString).toList();
  }

  public List<String> dataNodeAddresses() {
    return dataNodes.stream().map(Endpoint::toString).toList();
  }

  public String appUser() {
    return secrets.appUser();
  }

  public String appPassword() {
    return secrets.appPassword();
  }

  /** The data nodes' administrator (default user) password, for doctor and backup. */
  public String adminPassword() {
    return secrets.adminPassword();
  }

  /** The Sentinels' administrator (default user) password. */
  public String sentinelPassword() {
    return secrets.sentinelPassword();
  }

  public String keyPrefix() {
    return settings.keyPrefix();
  }

  public Path dataDir() {
    return settings.dataDir();
  }

  /** The REDIS_* variables a role or an ops command needs to use this topology. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("REDIS_SENTINELS", String.join(",", sentinelAddresses()));
    env.put("REDIS_MASTER_NAME", settings.masterName());
    env.put("REDIS_USERNAME", secrets.appUser());
    env.put("REDIS_PASSWORD", secrets.appPassword());
    env.put("REDIS_SENTINEL_USERNAME", secrets.appUser());
    env.put("REDIS_SENTINEL_PASSWORD", secrets.appPassword());
    env.put("REDIS_ADMIN_USERNAME", "default");
    env.put("REDIS_ADMIN_PASSWORD", secrets.adminPassword());
    env.put("REDIS_QUEUE_PREFIX", settings.keyPrefix());
    return env;
  }

  /** The master the Sentinels name now. */
  public String masterAddress() {
    return health().master().toString();
  }

  private void launch(RedisExecutables executables, int master) {
    SentinelConfigRenderer renderer = SentinelConfigRenderer.shipped();
    Credentials admin = new Credentials(null, secrets.adminPassword());
    for (int i : order(master)) {
      Path dir = settings.dataDir().resolve("node-" + i);
      DataNodeSettings.Builder node = DataNodeSettings.builder().host(settings.host()).port(dataNodes.get(i).port())
          .dir(dir).secrets(secrets).keyPrefix(settings.keyPrefix()).maxmemory(settings.maxmemory());
      if (i != master) {
        node.replicaOf(settings.host(), dataNodes.get(master).port());
      }
      Path file = renderer.writeDataNode(node.build());
      dataProcesses.add(ManagedProcess.start("redis node-" + i, executables.server(file), dir, dir.resolve("redis.log"),
          dataNodes.get(i), admin, settings.startTimeout()));
    }
    for (int i = 0; i < sentinels.size(); i++) {
      Path dir = settings.dataDir().resolve("sentinel-" + i);
      Path file = renderer.writeSentinel(SentinelNodeSettings.builder().host(settings.host()).port(sentinels.get(i).port())
          .dir(dir).secrets(secrets).masterName(settings.masterName())
          .master(settings.host(), dataNodes.get(master).port()).build());
      sentinelProcesses.add(ManagedProcess.start("sentinel-" + i, executables.sentinel(file), dir,
          dir.resolve("sentinel.log"), sentinels.get(i), new Credentials(null, secrets.sentinelPassword()),
          settings.startTimeout()));
    }
    health().awaitHealthy(dataNodes.get(master), settings.startTimeout());
    log.info("local topology ready master={} sentinels={} dataDir={}", dataNodes.get(master), sentinels,
        settings.dataDir());
  }

  private LocalTopologyHealth health() {
    return new LocalTopologyHealth(settings.masterName(), sentinels, new Credentials(null, secrets.sentinelPassword()));
  }

  /** The master first, so replicas find it when they start. */
  private static List<Integer> order(int master) {
    List<Integer> order = new ArrayList<>(List.of(master));
    for (int i = 0; i < 3; i++) {
      if (i != master) {
        order.add(i);
      }
    }
    return order;
  }

  private static List<Endpoint> endpoints(String host, List<Integer> ports) {
    return ports.stream().map(port -> new Endpoint(host, port)).collect(Collectors.toList());
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Already shutting down, or start failed before the hook was added.
    }
    // The Sentinels' view first: right after a failover the old master may not be demoted yet.
    int master = sentinelProcesses.isEmpty() ? -1 : masterNamedBySentinels();
    sentinelProcesses.forEach(ManagedProcess::stop);
    master = master >= 0 ? master : masterByRole();
    if (master >= 0) {
      new TopologyState(settings.dataDir()).remember(master);
    }
    // Replicas first: the master's SIGTERM then waits for no one, and it saves last.
    for (int i = dataProcesses.size() - 1; i >= 0; i--) {
      ManagedProcess process = dataProcesses.get(i);
      if (!process.endpoint().equals(master >= 0 ? dataNodes.get(master) : null)) {
        process.stop();
      }
    }
    dataProcesses.forEach(ManagedProcess::stop);
    log.info("local topology stopped dataDir={}", settings.dataDir());
  }

  /** The index of the data node the Sentinels name, or -1. */
  private int masterNamedBySentinels() {
    try {
      return dataNodes.indexOf(health().master());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The data node whose ROLE is master, or -1. */
  private int masterByRole() {
    for (int i = 0; i < dataNodes.size(); i++) {
      try (RespConnection connection = RespConnection.open(dataNodes.get(i), new Credentials(null, secrets.adminPassword()),
          java.time.Duration.ofSeconds(2))) {
        if ("master".equals(((List<?>) connection.command("ROLE")).get(0))) {
          return i;
        }
      } catch (RuntimeException e) {
        // Not running or not answering: not the master.
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "LocalSentinelTopology[" + settings.masterName() + ", sentinels=" + sentinels + ", dataDir="
        + settings.dataDir() + "]";
  }
}
