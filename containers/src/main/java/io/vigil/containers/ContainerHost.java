package io.vigil.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * One container playing one host: its own host name and fixed address on a {@link DockerNetwork}, and the
 * faults done to a whole host ({@link #kill}, {@link #pause}, {@link #stop} with SIGTERM, {@link #start} again
 * on the same address). Readiness is the caller's: this only waits until the container runs.
 */
public final class ContainerHost implements AutoCloseable {

  private final GenericContainer<?> container;
  private final DockerClient docker;
  private final String host;
  private final String address;

  private ContainerHost(GenericContainer<?> container, String host, String address) {
    this.container = container;
    this.docker = DockerClientFactory.instance().client();
    this.host = host;
    this.address = address;
  }

  /**
   * Starts {@code command} in {@code image} as host {@code host} on {@code network}; each folder in {@code mounts}
   * is mounted read-write at the same path, so config, data and log paths are the same inside and out.
   */
  public static ContainerHost start(DockerNetwork network, String host, String image, List<String> command,
                                    Map<String, String> env, List<Path> mounts) {
    String address = network.addressOf(host);
    String containerName = network.name() + "-" + host;
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
        .withNetworkMode(network.name())
        .withCreateContainerCmdModifier(cmd -> cmd.withName(containerName).withHostName(host).withIpv4Address(address))
        .withCommand(command.toArray(String[]::new))
        .withEnv(env)
        .withStartupCheckStrategy(new IsRunningStartupCheckStrategy());
    for (Path mount : mounts) {
      container.withFileSystemBind(mount.toString(), mount.toString(), BindMode.READ_WRITE);
    }
    try {
      container.start();
    } catch (RuntimeException e) {
      String logs = container.getContainerId() == null ? "" : tail(container.getLogs(), 3000);
      container.stop();
      throw new IllegalStateException("container " + containerName + " did not start: " + e.getMessage() + "\n" + logs, e);
    }
    return new ContainerHost(container, host, address);
  }

  public String host() {
    return host;
  }

  /** The fixed address on the test's network; the host reaches the container there. */
  public String address() {
    return address;
  }

  public String containerId() {
    return container.getContainerId();
  }

  /** kill -9 of the whole container (docker kill). Idempotent. */
  public void kill() {
    if (isRunning()) {
      ignoreNotRunning(() -> docker.killContainerCmd(containerId()).withSignal("KILL").exec());
    }
  }

  /** Sends one signal to the container's main process, for example {@code TERM}. */
  public void signal(String signal) {
    docker.killContainerCmd(containerId()).withSignal(signal).exec();
  }

  /** docker pause: every process frozen (cgroup freezer), sockets kept. */
  public void pause() {
    docker.pauseContainerCmd(containerId()).exec();
  }

  public void unpause() {
    docker.unpauseContainerCmd(containerId()).exec();
  }

  /** docker stop: SIGTERM, then SIGKILL after {@code grace}. Idempotent. */
  public void stop(Duration grace) {
    if (isPaused()) {
      unpause();
    }
    if (isRunning()) {
      ignoreNotRunning(() -> docker.stopContainerCmd(containerId()).withTimeout((int) Math.max(1, grace.toSeconds())).exec());
    }
  }

  /** Starts the stopped container again: same host name, address and mounts. */
  public void start() {
    if (!isRunning()) {
      docker.startContainerCmd(containerId()).exec();
    }
  }

  public boolean isRunning() {
    return Boolean.TRUE.equals(state().getRunning());
  }

  public boolean isPaused() {
    return Boolean.TRUE.equals(state().getPaused());
  }

  /** The container's main process as the host sees it: its network namespace is the container's. */
  public long pid() {
    Long pid = state().getPidLong();
    if (pid == null || pid == 0) {
      throw new IllegalStateException(host + " is not running");
    }
    return pid;
  }

  /** The end of the container's console output. */
  public String logs(int maxChars) {
    try {
      return tail(container.getLogs(), maxChars);
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  /**
   * CPU time the container used so far, in nanoseconds, from its cgroup (v1 cpuacct or v2 cpu.stat, cgroupfs or
   * systemd driver); -1 when neither is readable.
   */
  public long cpuNanos() {
    String id = containerId();
    for (Path file : List.of(Path.of("/sys/fs/cgroup/cpuacct/docker", id, "cpuacct.usage"),
        Path.of("/sys/fs/cgroup/docker", id, "cpu.stat"), Path.of("/sys/fs/cgroup/system.slice", "docker-" + id + ".scope", "cpu.stat"))) {
      try {
        String text = java.nio.file.Files.readString(file).trim();
        if (file.endsWith("cpuacct.usage")) {
          return Long.parseLong(text);
        }
        for (String line : text.split("\n")) {
          if (line.startsWith("usage_usec ")) {
            return Long.parseLong(line.substring(11).trim()) * 1000;
          }
        }
      } catch (java.io.IOException | NumberFormatException e) {
        // try the next layout
      }
    }
    return -1;
  }

  private InspectContainerResponse.ContainerState state() {
    return docker.inspectContainerCmd(containerId()).exec().getState();
  }

  private static void ignoreNotRunning(Runnable action) {
    try {
      action.run();
    } catch (NotModifiedException e) {
      // already stopped
    } catch (DockerException e) {
      if (!String.valueOf(e.getMessage()).contains("is not running")) {
        throw e;
      }
    }
  }

  private static String tail(String text, int maxChars) {
    return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
  }

  /** Removes the container, also a paused or dead one. */
  @Override
  public void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return "ContainerHost[" + host + ", " + address + "]";
  }
}
