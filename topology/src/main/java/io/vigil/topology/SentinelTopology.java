package io.vigil.topology;

import io.vigil.sentinelconfig.Secrets;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.MasterLookup;
import io.vigil.resp.MasterVote;
import io.vigil.resp.RespError;
import io.vigil.resp.SentinelAnswer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sentinel deployment on one {@link Backend}: data nodes {@code master}, {@code replica-1}, {@code replica-2}
 * (named by their first role) and Sentinels {@code sentinel-1..3}, each in its own folder, on the shipped files.
 * 1. {@link #start} starts the data nodes (last run's master first), then the Sentinels, until all is healthy.
 * 2. Nodes are reached by name; the master is always found by {@link MasterLookup} (vote, ROLE-verified).
 * 3. {@link #close} stops Sentinels first (so no failover starts), then the replicas, the master last.
 */
public final class SentinelTopology implements AutoCloseable {

  public static final List<String> DATA_NODES = List.of("master", "replica-1", "replica-2");
  public static final List<String> SENTINELS = List.of("sentinel-1", "sentinel-2", "sentinel-3");
  private static final Logger log = LoggerFactory.getLogger(SentinelTopology.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final Backend backend;
  private final TopologySpec spec;
  private final Path directory;
  private final Map<String, RedisNode> nodes = new LinkedHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SentinelTopology(Backend backend, TopologySpec spec, Path directory) {
    this.backend = backend;
    this.spec = spec;
    this.directory = directory;
  }

  public static SentinelTopology start(Backend backend, Path directory, TopologySpec spec) {
    SentinelTopology topology = new SentinelTopology(backend, spec, directory);
    try {
      topology.launch(new TopologyState(directory).master());
      return topology;
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
  }

  private void launch(String masterName) {
    RedisNode master = startNode(masterName, NodeKind.DATA, (dir, port) -> files(masterName).dataNode(dir, port, null),
        List.of());
    DATA_NODES.stream().filter(name -> !name.equals(masterName)).forEach(name -> startNode(name, NodeKind.DATA,
        (dir, port) -> files(name).dataNode(dir, port, master.endpoint()), List.of()));
    // Sentinels learn replicas from the master's INFO; linked replicas are listed in their first INFO.
    Poll.until(START_TIMEOUT, "replicas to link to " + master.address(), () -> dataNodes().stream()
        .filter(n -> n != master).allMatch(n -> "up".equals(n.info("replication", "master_link_status"))) ? true : null);
    for (String name : SENTINELS) {
      startNode(name, NodeKind.SENTINEL, (dir, port) -> files(name).sentinel(dir, port, master.endpoint()),
          files(name).sentinelTimers());
    }
    awaitHealthy(START_TIMEOUT);
    log.info("topology ready masterName={} master={} sentinels={} dir={}", spec.masterName(), master.address(),
        sentinelAddresses(), directory);
  }

  /** The files of one node, announcing the address its backend gives it. */
  private TopologyFiles files(String node) {
    return new TopologyFiles(spec, backend.hostOf(node));
  }

  private RedisNode startNode(String name, NodeKind kind, BiFunction<Path, Integer, String> config, List<String> onStart) {
    Path dir = directory.resolve(name);
    NodeSpec nodeSpec = new NodeSpec(name, kind, 0, dir, port -> config.apply(dir, port),
        kind == NodeKind.DATA ? adminAuth() : sentinelAuth(), START_TIMEOUT, onStart);
    RedisNode node = RedisNode.start(backend, nodeSpec);
    nodes.put(name, node);
    return node;
  }

  public TopologySpec spec() {
    return spec;
  }

  public String masterName() {
    return spec.masterName();
  }

  public Secrets secrets() {
    return spec.secrets();
  }

  public RedisNode node(String name) {
    RedisNode node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no node " + name + " in " + nodes.keySet());
    }
    return node;
  }

  public List<RedisNode> dataNodes() {
    return nodes.values().stream().filter(n -> n.kind() == NodeKind.DATA).toList();
  }

  public List<RedisNode> sentinels() {
    return nodes.values().stream().filter(n -> n.kind() == NodeKind.SENTINEL).toList();
  }

  /** Every Sentinel, running or not: what a client is configured with. */
  public List<String> sentinelAddresses() {
    return sentinels().stream().map(RedisNode::address).toList();
  }

  public Credentials adminAuth() {
    return new Credentials(null, spec.secrets().adminPassword());
  }

  private Credentials sentinelAuth() {
    return new Credentials(null, spec.secrets().sentinelPassword());
  }

  public MasterLookup lookup() {
    List<Endpoint> running = sentinels().stream().filter(RedisNode::isRunning).map(RedisNode::endpoint).toList();
    return new MasterLookup(spec.masterName(), running, sentinelAuth(), Duration.ofSeconds(2));
  }

  /** The ROLE-verified master the Sentinels vote for, waiting up to 10 s while a failover settles. */
  public RedisNode currentMaster() {
    return Poll.until(SETTLE, "a ROLE-verified master " + masterName(),
        () -> nodeAt(lookup().master(adminAuth()).toString()));
  }

  /** SIGKILL of the current master, returned so the test can restart it. */
  public RedisNode crashMaster() {
    RedisNode master = currentMaster();
    master.kill();
    return master;
  }

  /** {@code SENTINEL FAILOVER}, retried while INPROG or NOGOODSLAVE (transient after a failover or restart). */
  public void failover() {
    Poll.until(SETTLE, "a Sentinel to accept SENTINEL FAILOVER", () -> {
      RedisNode sentinel = sentinels().stream().filter(RedisNode::isRunning).findFirst()
          .orElseThrow(() -> new Poll.Abort("no Sentinel is running"));
      try {
        sentinel.command("SENTINEL", "FAILOVER", masterName());
        return true;
      } catch (RespError e) {
        if (e.code().equals("INPROG") || e.code().equals("NOGOODSLAVE")) {
          throw new Poll.NotYet(e.getMessage());
        }
        throw new Poll.Abort("SENTINEL FAILOVER refused: " + e.getMessage());
      }
    });
  }

  /** Waits until every running Sentinel names a master other than {@code old} and that node's ROLE agrees. */
  public RedisNode awaitNewMaster(RedisNode old, Duration timeout) {
    return Poll.until(timeout, "Sentinels to agree on a master other than " + old.address(), () -> {
      MasterVote<Endpoint> vote = agreed();
      if (vote.master().equals(old.endpoint())) {
        throw new Poll.NotYet("Sentinels still name " + old.address());
      }
      RedisNode candidate = nodeAt(vote.master().toString());
      return candidate.isRunning() && "master".equals(candidate.role()) ? candidate : null;
    });
  }

  /** The vote of the running Sentinels when all of them answered and agree; otherwise not yet. */
  MasterVote<Endpoint> agreed() {
    MasterLookup lookup = lookup();
    List<SentinelAnswer> answers = lookup.ask();
    answers.stream().filter(answer -> answer.error() != null).findFirst().ifPresent(answer -> {
      throw new Poll.NotYet(answer.sentinel() + ": " + answer.error().getMessage());
    });
    MasterVote<Endpoint> vote = lookup.vote(answers);
    if (!vote.unanimous()) {
      throw new Poll.NotYet("Sentinels disagree on the master: " + answers.stream().map(SentinelAnswer::master).toList());
    }
    return vote;
  }

  /** The Sentinels' vote (the old master may not be demoted yet right after a failover), else ROLE, or null. */
  private String lastMasterName() {
    try {
      return nodeAt(lookup().vote(lookup().ask()).master().toString()).name();
    } catch (RuntimeException noSentinel) {
      for (RedisNode node : dataNodes()) {
        try {
          if (node.isRunning() && "master".equals(node.role())) {
            return node.name();
          }
        } catch (RuntimeException notAnswering) {
          // not the master
        }
      }
      return null;
    }
  }

  public void awaitHealthy(Duration timeout) {
    Poll.until(timeout, "topology " + spec.masterName() + " to be healthy", () -> TopologyHealth.check(this));
  }

  /** The data node at {@code address}; fails when a Sentinel names an address outside this topology. */
  public RedisNode nodeAt(String address) {
    return dataNodes().stream().filter(n -> n.address().equals(address)).findFirst()
        .orElseThrow(() -> new IllegalStateException("Sentinels name " + address + ", which is not a node of "
            + dataNodes().stream().map(RedisNode::address).toList()));
  }

  /** See {@link Backend#handOverShutdown}. */
  public SentinelTopology closedByCaller() {
    backend.handOverShutdown();
    return this;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    String master = lastMasterName();
    List<RedisNode> order = new ArrayList<>(sentinels());
    dataNodes().stream().filter(n -> !n.name().equals(master)).forEach(order::add);
    dataNodes().stream().filter(n -> n.name().equals(master)).forEach(order::add);
    RuntimeException failure = null;
    for (RedisNode node : order) {
      try {
        node.stop();
      } catch (RuntimeException e) {
        failure = failure == null ? new IllegalStateException("could not stop every node", e) : failure;
        failure.addSuppressed(e);
      }
    }
    if (master != null) {
      new TopologyState(directory).remember(master);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "SentinelTopology[" + spec.masterName() + ", dir=" + directory + "]";
  }
}
