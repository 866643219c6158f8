package io.vigil.topology;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which data node was the master when a topology last stopped ({@code <dir>/topology.properties}), so the
 * next start in the same folder ({@code ./vigil dev}) keeps that node's data authoritative instead of making
 * {@code master} master again. Fresh test folders have no file.
 */
final class TopologyState {

  private final Path file;

  TopologyState(Path dir) {
    this.file = dir.resolve("topology.properties");
  }

  String master() {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      // a first start (no file) or an unreadable one: start on the first data node
    }
    String master = properties.getProperty("master", "");
    return SentinelTopology.DATA_NODES.contains(master) ? master : SentinelTopology.DATA_NODES.get(0);
  }

  void remember(String master) {
    Properties properties = new Properties();
    properties.setProperty("master", master);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "The data node that was master when the local topology stopped");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
