package io.vigil.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network.Ipam;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;

/**
 * A Docker network a test creates for itself: {@code internal} (no route out of it) with an explicit /24
 * subnet, so every container gets a fixed address by its name and the host reaches it there (Docker publishes
 * no ports on internal networks). {@link #close} removes it.
 */
public final class DockerNetwork implements AutoCloseable {

  private static final int ATTEMPTS = 10;

  private final DockerClient docker;
  private final String id;
  private final String name;
  private final String prefix;
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private int nextHost = 11;

  private DockerNetwork(DockerClient docker, String id, String name, String prefix) {
    this.docker = docker;
    this.id = id;
    this.name = name;
    this.prefix = prefix;
  }

  /** Creates {@code vigil-<label>-<random>} on a random free 10.x.y.0/24. */
  public static DockerNetwork create(String label) {
    DockerClient docker = DockerClientFactory.instance().client();
    DockerException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String prefix = "10." + random.nextInt(200, 250) + "." + random.nextInt(0, 256) + ".";
      String name = "vigil-" + label + "-" + Integer.toHexString(random.nextInt(0x10000, 0xfffff));
      try {
        String id = docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(true)
            .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + "0/24").withGateway(prefix + "1")))
            .exec().getId();
        return new DockerNetwork(docker, id, name, prefix);
      } catch (DockerException e) {
        last = e; // most likely another network holds this subnet: try another
      }
    }
    throw new IllegalStateException("could not create an internal Docker network in 10.200-249.x.0/24", last);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** This network's subnet, for example {@code 10.231.7.0/24}. */
  public String subnet() {
    return prefix + "0/24";
  }

  /** The fixed address of the container {@code host}, the same on every call. */
  public synchronized String addressOf(String host) {
    return addresses.computeIfAbsent(host, h -> {
      if (nextHost > 254) {
        throw new IllegalStateException("no address left on " + subnet());
      }
      return prefix + nextHost++;
    });
  }

  @Override
  public void close() {
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (DockerException e) {
      throw new IllegalStateException("could not remove network " + name + " (a container still on it?)", e);
    }
  }

  @Override
  public String toString() {
    return "DockerNetwork[" + name + ", " + subnet() + "]";
  }
}
