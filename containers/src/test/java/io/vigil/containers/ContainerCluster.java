package io.vigil.containers;

import io.vigil.sentinelconfig.Secrets;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system across hosts for a drill: a Sentinel topology on a {@link ContainerBackend} (one container per
 * node) and Vigil roles in their own containers, all on one internal network the test created, one Hazelcast
 * cluster over container addresses. {@link #close} removes every container, then the network.
 */
final class ContainerCluster implements AutoCloseable {

  static final String TOKEN = "drill-admin-token-0123456789";
  static final Duration ROLE_START = Duration.ofMinutes(4);

  final DockerNetwork network;
  final ContainerBackend backend;
  final SentinelTopology topology;
  final Map<String, VigilRole> roles = new LinkedHashMap<>();
  private final Map<String, String> roleEnv;
  private final Path directory;

  private ContainerCluster(DockerNetwork network, ContainerBackend backend, SentinelTopology topology,
                           Map<String, String> roleEnv, Path directory) {
    this.directory = directory;
    this.network = network;
    this.backend = backend;
    this.topology = topology;
    this.roleEnv = roleEnv;
  }

  /** Starts the topology, then the roles named {@code gateway-N}, {@code worker-N}, {@code dispatcher-N} at once. */
  static ContainerCluster start(String label, Path directory, int gateways, int workers, int dispatchers,
                                Map<String, String> extraEnv) {
    DockerNetwork network = DockerNetwork.create(label);
    ContainerBackend backend = new ContainerBackend(network, DockerCondition.IMAGE);
    ContainerCluster cluster = null;
    try {
      Secrets secrets = new Secrets("admin-pw-0123456789abcdef", "monitor-pw-0123456789abcdef",
          "sentinel-pw-0123456789abcdef", "vigil", "app-pw-0123456789abcdef");
      TopologySpec spec = new TopologySpec("mymaster", secrets, "vigil", 2000, true, false, List.of(), List.of());
      SentinelTopology topology = SentinelTopology.start(backend, directory, spec);
      Map<String, String> env = new LinkedHashMap<>(ClientEnvironment.of(topology));
      env.put("REDIS_SENTINEL_ADMIN_PASSWORD", secrets.sentinelPassword());
      env.put("VIGIL_API_TOKENS", "drill:" + TOKEN + ":admin");
      env.put("VIGIL_WORKER_QUEUES", "drill");
      env.put("VIGIL_MAX_EVENTS", "1000000");
      List<String> members = new ArrayList<>();
      for (int i = 1; i <= gateways; i++) {
        members.add(network.addressOf("gateway-" + i) + ":" + VigilRole.CLUSTER_PORT);
      }
      env.put("VIGIL_CLUSTER_MEMBERS", String.join(",", members));
      env.put("VIGIL_CLUSTER_SECRET", "drill-cluster-secret-0123456789");
      env.putAll(extraEnv);
      cluster = new ContainerCluster(network, backend, topology, env, directory);
      List<String> hosts = new ArrayList<>();
      for (int i = 1; i <= gateways; i++) {
        hosts.add("gateway-" + i);
      }
      for (int i = 1; i <= workers; i++) {
        hosts.add("worker-" + i);
      }
      for (int i = 1; i <= dispatchers; i++) {
        hosts.add("dispatcher-" + i);
      }
      // The gateways first: they are the members the others join; then everything else at once.
      cluster.startRoles(hosts.stream().filter(h -> h.startsWith("gateway")).toList());
      cluster.startRoles(hosts.stream().filter(h -> !h.startsWith("gateway")).toList());
      return cluster;
    } catch (RuntimeException e) {
      if (cluster != null) {
        cluster.close();
      } else {
        backend.close();
        network.close();
      }
      throw e;
    }
  }

  /** Starts roles in parallel (JVM start-up dominates); each host's name says its role ({@link #roleOf}). */
  void startRoles(List<String> hosts) {
    startRoles(hosts, Map.of());
  }

  /** As {@link #startRoles(List)}, with settings that differ from the cluster's. */
  void startRoles(List<String> hosts, Map<String, String> overrides) {
    Map<String, String> env = new LinkedHashMap<>(roleEnv);
    env.putAll(overrides);
    List<CompletableFuture<VigilRole>> starting = hosts.stream().map(host -> CompletableFuture.supplyAsync(() ->
        VigilRole.start(network, host, roleOf(host), DockerCondition.IMAGE, DockerCondition.JAR, env, ROLE_START)))
        .toList();
    RuntimeException failure = null;
    for (int i = 0; i < hosts.size(); i++) {
      try {
        VigilRole role = starting.get(i).join();
        synchronized (roles) {
          roles.put(hosts.get(i), role);
        }
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** {@code gateway}, {@code worker} or {@code dispatcher}: the role a host name such as {@code worker-2} names. */
  private static String roleOf(String host) {
    return List.of("gateway", "worker", "dispatcher").stream().filter(host::contains).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("host " + host + " names no role"));
  }

  /** Stops and removes one role's container. */
  void removeRole(String host) {
    VigilRole role;
    synchronized (roles) {
      role = roles.remove(host);
    }
    if (role != null) {
      role.close();
    }
  }

  /** Each role's console goes to {@code <directory>/<host>.log} before its container is removed, for the timeline. */
  private void keepLogs(VigilRole role) {
    try {
      java.nio.file.Files.createDirectories(directory);
      java.nio.file.Files.writeString(directory.resolve(role.host() + ".log"), role.container().logs(Integer.MAX_VALUE));
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("could not keep the logs of " + role.host() + ": " + e);
    }
  }

  VigilRole role(String host) {
    VigilRole role = roles.get(host);
    if (role == null) {
      throw new IllegalArgumentException("no role " + host + " in " + roles.keySet());
    }
    return role;
  }

  List<VigilRole> rolesNamed(String role) {
    return roles.values().stream().filter(r -> r.role().equals(role)).toList();
  }

  /** The gateways' base URIs. */
  List<URI> gatewayUris() {
    return rolesNamed("gateway").stream().map(VigilRole::baseUri).toList();
  }

  /** Every container of the cluster: Redis nodes and roles, by host name. */
  Map<String, ContainerHost> hosts() {
    Map<String, ContainerHost> all = new LinkedHashMap<>();
    for (String name : List.of("master", "replica-1", "replica-2", "sentinel-1", "sentinel-2", "sentinel-3")) {
      all.put(name, backend.hostNamed(name));
    }
    roles.forEach((name, role) -> all.put(name, role.container()));
    return all;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (VigilRole role : roles.values()) {
      try {
        keepLogs(role);
        role.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      topology.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    try {
      backend.close();
    } finally {
      network.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
