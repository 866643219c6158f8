package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sentinelconfig.SentinelConfigRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.sentinel.yml checked by reading it, without Docker (the container suite runs it for real):
 * docker-compose 1.29 and offline builds accept it, every file it references exists, every variable is in .env.example, every REDIS_* / VIGIL_* variable given to a
 * role is one the code reads, and ports, names and placeholders agree with the sentinel-config templates.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}|\\$([A-Z_][A-Z0-9_]*)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
  /** Bind mounts that are output folders, created by docker on first use. */
  private static final Set<String> OUTPUT_MOUNTS = Set.of("${VIGIL_BACKUP_DIR:-./backups}");
  /** Read by compose itself from .env, not substituted in the file. */
  private static final Set<String> COMPOSE_OWN_VARIABLES = Set.of("COMPOSE_PROJECT_NAME");
  /**
   * Variables read by code on a branch not merged yet, with that branch. Each entry must be removed once
   * the sources read the name (the test fails then, to keep this list honest).
   */
  private static final Map<String, String> PENDING_READERS = Map.of();

  private static String text;
  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    text = Files.readString(ROOT.resolve("docker-compose.sentinel.yml"));
    compose = new Yaml(new LoaderOptions()).load(text);
    services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void composeRunsAMasterTwoReplicasThreeSentinelsAndTheRoles() {
    assertThat(services.keySet()).containsExactlyInAnyOrder("redis-master", "redis-replica-1", "redis-replica-2",
        "sentinel-1", "sentinel-2", "sentinel-3", "gateway", "worker", "dispatcher", "ops");
    assertThat(kinds()).containsEntry("redis-master", "master").containsEntry("redis-replica-1", "replica")
        .containsEntry("redis-replica-2", "replica").containsEntry("sentinel-1", "sentinel")
        .containsEntry("sentinel-2", "sentinel").containsEntry("sentinel-3", "sentinel");
    for (String role : List.of("gateway", "worker", "dispatcher")) {
      assertThat(buildArgs(role)).as(role).containsEntry("ROLE", role);
      assertThat(services.get(role)).as(role).containsKey("healthcheck");
    }
    // --scale worker=N needs a worker without a fixed name or host port.
    assertThat(services.get("worker")).doesNotContainKeys("container_name", "ports");
    for (String redis : kinds().keySet()) {
      assertThat(services.get(redis)).as(redis).containsKey("healthcheck");
    }
  }

  @Test
  void everyFileTheComposeFileReferencesExists() {
    List<Path> referenced = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      Map<String, Object> build = build(service.getKey());
      if (build != null) {
        referenced.add(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")));
      }
      for (String volume : volumes(service.getKey())) {
        String source = volume.substring(0, volume.indexOf(":/"));
        if ((source.startsWith(".") || source.startsWith("/")) && !OUTPUT_MOUNTS.contains(source)) {
          referenced.add(ROOT.resolve(source));
        }
      }
      List<?> entrypoint = (List<?>) service.getValue().get("entrypoint");
      if (entrypoint != null) {
        entrypoint.stream().map(String::valueOf).filter(arg -> arg.startsWith("/vigil-conf/"))
            .forEach(arg -> referenced.add(ROOT.resolve("sentinel-config").resolve(arg.substring("/vigil-conf/".length()))));
      }
    }
    assertThat(referenced).isNotEmpty().allSatisfy(path -> assertThat(path).exists());
    assertThat(ROOT.resolve(".dockerignore")).content().contains("**/target/", ".env");
  }

  @Test
  void debianDockerCompose129AndAnOfflineBuildAcceptTheFiles() throws IOException {
    // 1.29 refuses a top-level name ("'name' does not match any of the regexes: '^x-'").
    assertThat(compose).doesNotContainKey("name");
    assertThat(compose.keySet()).allMatch(key -> Set.of("services", "volumes", "networks").contains(key)
        || key.startsWith("x-"));
    assertThat(String.valueOf(services.get("redis-master").get("image"))).startsWith("${REDIS_IMAGE:-");
    for (String role : List.of("gateway", "worker", "dispatcher", "ops")) {
      assertThat(buildArgs(role)).as(role).containsEntry("BASE_IMAGE", "${VIGIL_BASE_IMAGE:-eclipse-temurin:17-jre}");
    }
    // No build frontend to pull (BuildKit fetches "# syntax=" images), no Maven image, one base chosen by ARG.
    List<String> dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile).noneMatch(line -> line.toLowerCase().startsWith("# syntax"));
    assertThat(dockerfile.stream().filter(line -> line.startsWith("FROM "))).containsExactly("FROM ${BASE_IMAGE}");
    assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!app/target/vigil.jar");
  }

  @Test
  void everyVariableTheComposeFileUsesIsInEnvExampleAndNoneIsLeftOver() throws IOException {
    Set<String> used = new TreeSet<>(COMPOSE_OWN_VARIABLES);
    Matcher matcher = VARIABLE.matcher(text.replace("$$", ""));
    while (matcher.find()) {
      used.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    Set<String> example = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      if (line.matches("[A-Z0-9_]+=.*")) {
        example.add(line.substring(0, line.indexOf('=')));
      }
    }

    assertThat(used).isEqualTo(example);
  }

  @Test
  void everyRedisOrVigilVariableGivenToARoleIsReadByTheCode() {
    String sources = mainSources();
    Set<String> given = new TreeSet<>();
    for (String role : List.of("gateway", "worker", "dispatcher", "ops")) {
      environment(role).keySet().stream().filter(name -> name.matches("(REDIS|VIGIL)_[A-Z0-9_]+")).forEach(given::add);
    }
    Set<String> unread = new TreeSet<>();
    for (String name : given) {
      if (!sources.contains("\"" + name + "\"")) {
        unread.add(name);
      }
    }

    assertThat(given).contains("REDIS_SENTINELS", "REDIS_MASTER_NAME", "REDIS_USERNAME", "REDIS_PASSWORD");
    assertThat(unread).as("variables no main source reads (nor a pending branch)").isSubsetOf(PENDING_READERS.keySet());
    for (String pending : PENDING_READERS.keySet()) {
      assertThat(sources).as(pending + " is read now: remove it from PENDING_READERS").doesNotContain("\"" + pending + "\"");
    }
  }

  @Test
  void portsHostsAndPlaceholdersAgreeWithTheTemplates() {
    SentinelConfigRenderer renderer = SentinelConfigRenderer.shipped();
    Map<String, String> master = environment("redis-master");
    for (Map.Entry<String, String> node : kinds().entrySet()) {
      Map<String, String> env = environment(node.getKey());
      List<String> templates = switch (node.getValue()) {
        case "master" -> List.of("redis.conf");
        case "replica" -> List.of("redis.conf", "replica.conf");
        default -> List.of("sentinel.conf");
      };
      Set<String> placeholders = new TreeSet<>();
      templates.forEach(t -> placeholders.addAll(placeholders(renderer.template(t))));
      Set<String> given = new TreeSet<>();
      env.keySet().stream().filter(k -> k.startsWith("CONF_")).forEach(k -> given.add(k.substring(5)));

      assertThat(given).as(node.getKey() + ": CONF_* variables = the templates' placeholders").isEqualTo(placeholders);
      assertThat(env).as(node.getKey()).containsEntry("CONF_ANNOUNCE_HOST", node.getKey()).containsEntry("CONF_DIR", "/data");
      assertThat(volumes(node.getKey())).as(node.getKey()).contains(node.getKey() + "-data:/data");
      if (!node.getValue().equals("master")) {
        assertThat(env).as(node.getKey()).containsEntry("CONF_MASTER_HOST", "redis-master")
            .containsEntry("CONF_MASTER_PORT", master.get("CONF_PORT"));
      }
      if (!node.getValue().equals("sentinel")) {
        assertThat(env.get("CONF_PORT")).as(node.getKey()).isEqualTo(master.get("CONF_PORT"));
      }
    }
    Map<String, String> app = environment("worker");
    List<String> sentinels = kinds().entrySet().stream().filter(e -> e.getValue().equals("sentinel"))
        .map(e -> e.getKey() + ":" + environment(e.getKey()).get("CONF_PORT")).sorted().toList();
    assertThat(List.of(app.get("REDIS_SENTINELS").split(","))).containsExactlyElementsOf(sentinels);
    assertThat(app.get("REDIS_MASTER_NAME")).isEqualTo(environment("sentinel-1").get("CONF_MASTER_NAME"));
    assertThat(app.get("REDIS_USERNAME")).isEqualTo(master.get("CONF_APP_USER"))
        .isEqualTo(environment("sentinel-1").get("CONF_APP_USER")).isEqualTo(app.get("REDIS_SENTINEL_USERNAME"));
    assertThat(app.get("REDIS_PASSWORD")).isEqualTo(master.get("CONF_APP_PASSWORD")).isEqualTo(app.get("REDIS_SENTINEL_PASSWORD"));
    assertThat(app.get("REDIS_QUEUE_PREFIX")).isEqualTo(master.get("CONF_KEY_PREFIX"));
    assertThat(environment("ops").get("REDIS_ADMIN_PASSWORD")).isEqualTo(master.get("CONF_ADMIN_PASSWORD"));
    assertThat(((List<?>) services.get("gateway").get("ports")).get(0).toString()).endsWith(":8080");
    assertThat(healthcheck("gateway")).contains("http://127.0.0.1:8080/health/ready");
    assertThat(set(compose.get("volumes"))).containsExactlyInAnyOrderElementsOf(
        kinds().keySet().stream().map(name -> name + "-data").toList());
  }

  @Test
  void theComposeValuesPassTheRenderer() {
    Map<String, String> env = new HashMap<>(environment("redis-replica-1"));
    env.replaceAll((name, value) -> value.startsWith("${") ? value.contains(":-")
        ? value.substring(value.indexOf(":-") + 2, value.length() - 1) : "Secret-123" : value);
    String rendered = SentinelConfigRenderer.shipped().render(List.of("redis.conf", "replica.conf"), strip(env), List.of());

    assertThat(rendered).contains("bind 0.0.0.0", "logfile \"\"", "replica-announce-ip redis-replica-1",
        "replicaof redis-master 6379", "maxmemory 1gb", "~vigil:*");
  }

  private static Map<String, String> strip(Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("CONF_")) {
        values.put(name.substring(5), value);
      }
    });
    return values;
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Redis services and the kind their entrypoint renders: master, replica or sentinel. */
  private static Map<String, String> kinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    services.forEach((name, service) -> {
      List<?> entrypoint = (List<?>) service.get("entrypoint");
      if (entrypoint != null && String.valueOf(entrypoint).contains("/vigil-conf/entrypoint.sh")) {
        kinds.put(name, String.valueOf(entrypoint.get(entrypoint.size() - 1)));
      }
    });
    return kinds;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    ((Map<String, Object>) services.get(service).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    return env;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> build(String service) {
    return (Map<String, Object>) services.get(service).get("build");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> buildArgs(String service) {
    return (Map<String, Object>) build(service).get("args");
  }

  private static List<String> volumes(String service) {
    List<?> volumes = (List<?>) services.get(service).get("volumes");
    return volumes == null ? List.of() : volumes.stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static String healthcheck(String service) {
    return String.valueOf(((Map<String, Object>) services.get(service).get("healthcheck")).get("test"));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> set(Object map) {
    return ((Map<String, Object>) map).keySet();
  }

  /** Every main Java source of the repository (all modules, this branch). */
  private static String mainSources() {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(ROOT, 14)) {
      files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
          && !f.toString().contains("/target/")).forEach(f -> {
            try {
              all.append(Files.readString(f)).append('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }
}
