package io.vigil.containers;

import io.vigil.topology.Backend;
import io.vigil.topology.NodeControl;
import io.vigil.topology.NodeKind;
import io.vigil.topology.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs each node of a topology in its own container, host name = node name, on a fixed address of one
 * {@link DockerNetwork}, with the standard ports (6379, 26379). The node's folder is mounted at the same path,
 * so the rendered files, data and logs are where {@link NodeSpec} says, on the host too.
 */
public final class ContainerBackend implements Backend, AutoCloseable {

  public static final int DATA_PORT = 6379;
  public static final int SENTINEL_PORT = 26379;

  private final DockerNetwork network;
  private final String image;
  private final List<ContainerNode> nodes = new CopyOnWriteArrayList<>();

  /** {@code image} must hold redis-server and redis-sentinel (vigil-base:local does). */
  public ContainerBackend(DockerNetwork network, String image) {
    this.network = network;
    this.image = image;
  }

  /** There is no one host: each node announces its own address ({@link #hostOf}). */
  @Override
  public String host() {
    throw new UnsupportedOperationException("each container has its own address: use hostOf(node)");
  }

  @Override
  public String hostOf(String node) {
    return network.addressOf(node);
  }

  @Override
  public NodeControl start(NodeSpec spec) {
    int port = spec.port() != 0 ? spec.port() : spec.kind() == NodeKind.DATA ? DATA_PORT : SENTINEL_PORT;
    write(spec, spec.config().apply(port));
    String binary = spec.kind() == NodeKind.DATA ? "redis-server" : "redis-sentinel";
    ContainerHost host = ContainerHost.start(network, spec.name(), image, List.of(binary, spec.configFile().toString()),
        Map.of(), List.of(spec.directory()));
    ContainerNode node = new ContainerNode(spec, host, port);
    nodes.add(node);
    node.awaitReady();
    return node;
  }

  /** The container behind a started node, for faults beyond {@link NodeControl}. */
  public ContainerHost hostNamed(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).map(ContainerNode::container).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name));
  }

  public DockerNetwork network() {
    return network;
  }

  private static void write(NodeSpec spec, String text) {
    try {
      Files.createDirectories(spec.directory());
      Path file = spec.configFile();
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + spec.configFile(), e);
    }
  }

  /** Removes every node's container (the topology's own close stops them first, in its order). */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (ContainerNode node : nodes) {
      try {
        node.container().close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    nodes.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
