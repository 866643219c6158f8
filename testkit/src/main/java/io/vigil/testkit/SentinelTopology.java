package io.vigil.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Sentinel deployment on loopback: one master, two replicas and three Sentinels (quorum 2), all child
 * processes in one folder under {@code target/redis-test/}.
 *
 * <ol>
 *   <li>{@link #start} returns only once every Sentinel sees the whole topology healthy.
 *   <li>Failure helpers crash or fail over the master and wait until Sentinels agree on a new one.
 *   <li>{@link #close} stops Sentinels first (so stopping nodes triggers no failover), then data nodes.
 * </ol>
 */
public final class SentinelTopology implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration FAILOVER_RETRY = Duration.ofSeconds(10);

  private final SentinelTopologyConfig config;
  private final Path directory;
  private final List<RedisServer> dataNodes;
  private final List<SentinelProcess> sentinels;

  private SentinelTopology(SentinelTopologyConfig config, Path directory, List<RedisServer> dataNodes,
      List<SentinelProcess> sentinels) {
    this.config = config;
    this.directory = directory;
    this.dataNodes = dataNodes;
    this.sentinels = sentinels;
  }

  public static SentinelTopology start(SentinelTopologyConfig config) {
    // A missing binary fails before any folder is created or process started.
    RedisBinaries.serverCommand();
    RedisBinaries.sentinelCommand(Path.of("sentinel.conf"));
    Path directory = TestDirectories.create(config.name());
    List<RedisServer> nodes = new ArrayList<>();
    List<SentinelProcess> sentinels = new ArrayList<>();
    SentinelTopology topology = new SentinelTopology(config, directory, nodes, sentinels);
    try {
      RedisServer master = RedisServer.start(config.dataNode("node-0", null), TestDirectories.child(directory, "node-0"));
      nodes.add(master);
      for (int i = 1; i <= 2; i++) {
        nodes.add(RedisServer.start(config.dataNode("node-" + i, master), TestDirectories.child(directory, "node-" + i)));
      }
      // Sentinels learn replicas from the master's INFO; linked replicas are listed in their first INFO.
      Poll.until(START_TIMEOUT, "replicas to link to " + master.address(),
          () -> nodes.stream().skip(1).allMatch(n -> "up".equals(n.info("replication", "master_link_status"))) ? true : null);
      for (int i = 0; i < 3; i++) {
        Path dir = TestDirectories.child(directory, "sentinel-" + i);
        sentinels.add(SentinelProcess.start(dir, config.sentinelPassword(), port -> config.renderSentinel(dir, port, master),
            config.sentinelTimers()));
      }
      topology.awaitHealthy(START_TIMEOUT);
      return topology;
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
  }

  public String masterName() {
    return config.masterName();
  }

  public SentinelTopologyConfig config() {
    return config;
  }

  public Path directory() {
    return directory;
  }

  /** All three data nodes, whatever their current role and state. */
  public List<RedisServer> dataNodes() {
    return List.copyOf(dataNodes);
  }

  public List<SentinelProcess> sentinels() {
    return List.copyOf(sentinels);
  }

  /** {@code 127.0.0.1:port} of every Sentinel, running or not: what a client is configured with. */
  public List<String> sentinelAddresses() {
    return sentinels.stream().map(SentinelProcess::address).toList();
  }

  /** The data node the first answering Sentinel names as master (it may be stale right after a crash). */
  public RedisServer currentMaster() {
    RuntimeException last = new IllegalStateException("no Sentinel is running");
    for (SentinelProcess sentinel : sentinels) {
      if (sentinel.isRunning()) {
        try {
          return nodeAt(TopologyHealth.masterAddress(sentinel, config.masterName()));
        } catch (RuntimeException e) {
          last = e;
        }
      }
    }
    throw last;
  }

  /** SIGKILL of the current master; returns the killed node so the test can restart it later. */
  public RedisServer crashMaster() {
    RedisServer master = currentMaster();
    master.kill9();
    return master;
  }

  /**
   * {@code SENTINEL FAILOVER} on a running Sentinel. Retries for a few seconds while Sentinel answers
   * INPROG or NOGOODSLAVE, which are transient right after a previous failover or a node restart.
   */
  public void failover() {
    Poll.until(FAILOVER_RETRY, "a Sentinel to accept SENTINEL FAILOVER", () -> {
      SentinelProcess sentinel = sentinels.stream().filter(SentinelProcess::isRunning).findFirst()
          .orElseThrow(() -> new Poll.Abort("no Sentinel is running"));
      try {
        sentinel.command("SENTINEL", "FAILOVER", config.masterName());
        return true;
      } catch (RedisErrorReply e) {
        if (e.code().equals("INPROG") || e.code().equals("NOGOODSLAVE")) {
          throw new Poll.NotYet(e.getMessage());
        }
        throw new Poll.Abort("SENTINEL FAILOVER refused: " + e.getMessage());
      }
    });
  }

  /** Waits until every running Sentinel names a master other than {@code old} and that node's ROLE agrees. */
  public RedisServer awaitNewMaster(RedisServer old, Duration timeout) {
    return Poll.until(timeout, "Sentinels to agree on a master other than " + old.address(), () -> {
      String agreed = null;
      for (SentinelProcess sentinel : sentinels) {
        if (sentinel.isRunning()) {
          String seen = TopologyHealth.masterAddress(sentinel, config.masterName());
          if (seen.equals(old.address()) || (agreed != null && !agreed.equals(seen))) {
            throw new Poll.NotYet(sentinel + " names " + seen + (agreed == null ? "" : ", another names " + agreed));
          }
          agreed = seen;
        }
      }
      RedisServer candidate = agreed == null ? null : nodeAt(agreed);
      return candidate != null && candidate.isRunning() && "master".equals(candidate.role()) ? candidate : null;
    });
  }

  /** Waits until the running part of the topology is settled; see {@link TopologyHealth}. */
  public void awaitHealthy(Duration timeout) {
    Poll.until(timeout, "topology " + config.masterName() + " to be healthy",
        () -> TopologyHealth.check(config.masterName(), dataNodes, sentinels, this::nodeAt));
  }

  RedisServer nodeAt(String address) {
    return dataNodes.stream().filter(n -> n.address().equals(address)).findFirst()
        .orElseThrow(() -> new IllegalStateException("Sentinel names " + address + ", which is not a node of "
            + dataNodes));
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    List<AutoCloseable> order = new ArrayList<>(sentinels);
    order.addAll(dataNodes);
    for (AutoCloseable process : order) {
      try {
        process.close();
      } catch (Exception e) {
        failure = failure == null ? new IllegalStateException("could not stop every process", e) : failure;
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "SentinelTopology[" + config.masterName() + ", dir=" + directory.getFileName() + "]";
  }
}
