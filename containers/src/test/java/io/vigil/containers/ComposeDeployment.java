package io.vigil.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose.sentinel.yml run from the repository as an operator would, offline: an env file with fresh
 * passwords and the local base image, a project name of its own, and an override that makes the project's
 * networks (data: Redis and the roles; app: the roles only) internal on explicit subnets (the host then reaches the
 * containers at their addresses; Docker publishes no ports on internal networks), with fixed addresses for the
 * Redis services. Uses {@code docker compose} (v2) when present, else Debian's
 * {@code docker-compose} 1.29.
 */
final class ComposeDeployment implements AutoCloseable {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> REDIS_SERVICES = List.of("redis-master", "redis-replica-1", "redis-replica-2",
      "sentinel-1", "sentinel-2", "sentinel-3");
  private static final List<String> SERVICES = List.of("redis-master", "redis-replica-1", "redis-replica-2",
      "sentinel-1", "sentinel-2", "sentinel-3", "gateway", "worker", "dispatcher", "ops");

  final String project = "vigil-ci-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  final String token = "ci-token-" + password();
  private final int secondOctet = ThreadLocalRandom.current().nextInt(200, 250);
  private final int thirdOctet = ThreadLocalRandom.current().nextInt(0, 255);
  /** The data network's /24 (Redis and the roles); the app network takes the next one. */
  final String subnetPrefix = "10." + secondOctet + "." + thirdOctet + ".";
  final String appSubnetPrefix = "10." + secondOctet + "." + (thirdOctet + 1) + ".";
  final String adminPassword;
  final String sentinelPassword;
  /** Redis service name -> its fixed address. */
  final Map<String, String> fixed = new LinkedHashMap<>();
  private final Path envFile;
  private final Path override;
  private final List<String> compose;

  ComposeDeployment(Path directory) throws IOException {
    Files.createDirectories(directory);
    envFile = directory.resolve("compose.env");
    override = directory.resolve("internal-network.yml");
    StringBuilder env = new StringBuilder();
    adminPassword = password();
    sentinelPassword = password();
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      String name = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
      env.append(switch (name) {
        case "REDIS_ADMIN_PASSWORD" -> name + "=" + adminPassword;
        case "REDIS_SENTINEL_ADMIN_PASSWORD" -> name + "=" + sentinelPassword;
        case "REDIS_MONITOR_PASSWORD", "REDIS_APP_PASSWORD", "VIGIL_CLUSTER_SECRET" -> name + "=" + password();
        case "VIGIL_API_TOKENS" -> name + "=ci:" + token + ":admin";
        case "COMPOSE_PROJECT_NAME" -> name + "=" + project;
        case "REDIS_IMAGE", "VIGIL_BASE_IMAGE" -> name + "=" + DockerCondition.IMAGE;
        case "VIGIL_BACKUP_DIR" -> name + "=" + directory.resolve("backups");
        case "JAVA_OPTS" -> name + "=-Xmx256m -XX:+UseSerialGC";
        default -> line;
      }).append('\n');
    }
    Files.writeString(envFile, env.toString());
    // Docker drops a stopped container's name from its DNS, and on an internal network it then waits ~20 s for an
    // upstream answer; Sentinel (resolve-hostnames) blocks on that lookup, enters TILT again and again and never
    // fails over. Real hosts keep their DNS names while down: fixed addresses for the Redis services, written into
    // every container's /etc/hosts, model that; the other containers get addresses from the upper half.
    for (int i = 0; i < REDIS_SERVICES.size(); i++) {
      fixed.put(REDIS_SERVICES.get(i), subnetPrefix + (11 + i));
    }
    StringBuilder yaml = new StringBuilder("services:\n");
    for (String service : SERVICES) {
      yaml.append("  ").append(service).append(":\n    extra_hosts:\n");
      fixed.forEach((name, ip) -> yaml.append("      - \"").append(name).append(':').append(ip).append("\"\n"));
      if (fixed.containsKey(service)) {
        yaml.append("    networks:\n      data:\n        ipv4_address: ").append(fixed.get(service)).append('\n');
      }
    }
    yaml.append("networks:\n  data:\n    internal: true\n    ipam:\n      config:\n        - subnet: ")
        .append(subnetPrefix).append("0/24\n          ip_range: ").append(subnetPrefix).append("128/25\n")
        .append("  app:\n    internal: true\n    ipam:\n      config:\n        - subnet: ").append(appSubnetPrefix)
        .append("0/24\n");
    Files.writeString(override, yaml.toString());
    List<String> base = run(List.of("docker", "compose", "version"), Duration.ofSeconds(20)).code() == 0
        ? List.of("docker", "compose") : List.of("docker-compose");
    compose = new ArrayList<>(base);
    compose.addAll(List.of("--env-file", envFile.toString(), "-p", project, "-f",
        ROOT.resolve("docker-compose.sentinel.yml").toString(), "-f", override.toString()));
  }

  /** Runs one compose command from the repository root; returns its exit code and output. */
  Result compose(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of(args));
    return run(command, timeout);
  }

  String composeCommand() {
    return String.join(" ", compose.subList(0, compose.indexOf("--env-file")));
  }

  record Result(int code, String output) {
  }

  static Result run(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
      StringBuilder output = new StringBuilder();
      Thread reader = new Thread(() -> {
        try {
          output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          output.append(e);
        }
      });
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        reader.join(5000);
        return new Result(-1, output + "\n(timed out after " + timeout.toSeconds() + " s)");
      }
      reader.join(5000);
      return new Result(process.exitValue(), output.toString());
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String password() {
    byte[] bytes = new byte[18];
    ThreadLocalRandom.current().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** down with its volumes, also after a failure. */
  @Override
  public void close() {
    Result down = compose(Duration.ofMinutes(3), "--profile", "ops", "down", "-v", "--remove-orphans", "-t", "5");
    if (down.code() != 0) {
      throw new IllegalStateException("compose down failed: " + down.output());
    }
  }
}
