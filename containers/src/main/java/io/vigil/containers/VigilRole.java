package io.vigil.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Vigil role ({@code gateway}, {@code worker}, {@code dispatcher}) in its own container: vigil.jar (the one
 * Maven packaged, mounted read-only at its own path) on the base image's JRE, joined to the other roles'
 * Hazelcast cluster at container addresses, serving HTTP on 8080 at its address.
 */
public final class VigilRole implements AutoCloseable {

  public static final int HTTP_PORT = 8080;
  public static final int CLUSTER_PORT = 5701;
  /** The ./vigil launcher's flags (Hazelcast needs the opens), with a heap small enough for a dozen JVMs. */
  private static final List<String> JAVA = List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
  private static final int START_ATTEMPTS = 5;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String role;
  private final ContainerHost container;

  private VigilRole(String role, ContainerHost container) {
    this.role = role;
    this.container = container;
  }

  /**
   * Starts {@code role} as host {@code host}; {@code env} carries the REDIS_* and VIGIL_* settings, and this
   * adds the member's own cluster address and ports. Returns once {@code /health/ready} answers 200.
   */
  public static VigilRole start(DockerNetwork network, String host, String role, String image, Path jar,
                                Map<String, String> env, Duration readyTimeout) {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put("VIGIL_CLUSTER_HOST", network.addressOf(host));
    all.put("VIGIL_CLUSTER_PORT", Integer.toString(CLUSTER_PORT));
    all.put("VIGIL_EVENTBUS_PORT", "5801");
    all.put("VIGIL_HTTP_PORT", Integer.toString(HTTP_PORT));
    all.putIfAbsent("VIGIL_WORKER_ID", host);
    List<String> command = new java.util.ArrayList<>(JAVA);
    command.addAll(List.of("-jar", jar.toString(), role));
    ContainerHost container = ContainerHost.start(network, host, image, command, all, List.of(jar));
    VigilRole started = new VigilRole(role, container);
    try {
      started.awaitReady(readyTimeout);
    } catch (RuntimeException e) {
      container.close();
      throw e;
    }
    return started;
  }

  public String role() {
    return role;
  }

  public String host() {
    return container.host();
  }

  public ContainerHost container() {
    return container;
  }

  /** {@code http://<address>:8080}. */
  public URI baseUri() {
    return URI.create("http://" + container.address() + ":" + HTTP_PORT);
  }

  /**
   * Polls {@code /health/ready} until 200. A role that exits while starting (it refuses to start when Redis does
   * not answer in time, which happens on a loaded machine) is started again, as compose's restart policy does,
   * up to {@link #START_ATTEMPTS} times; then this fails with the console's end.
   */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "never answered";
    int starts = 1;
    while (System.nanoTime() < deadline) {
      if (!container.isRunning()) {
        if (starts >= START_ATTEMPTS) {
          throw new IllegalStateException(host() + " (" + role + ") exited while starting, " + starts + " times\n"
              + container.logs(4000));
        }
        starts++;
        container.start();
      }
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/health/ready"))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(host() + " (" + role + ") not ready within " + timeout.toSeconds() + " s; last: "
        + last + "\n" + container.logs(4000));
  }

  /** SIGTERM and wait for the graceful shutdown (up to {@code grace}, then SIGKILL). */
  public void stopGracefully(Duration grace) {
    container.stop(grace);
  }

  @Override
  public void close() {
    container.close();
  }

  @Override
  public String toString() {
    return "VigilRole[" + role + " on " + container.host() + " " + container.address() + "]";
  }
}
