package io.vigil.ops.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which data node was the master when a local topology last stopped ({@code <dataDir>/topology.properties}),
 * so the next start keeps that node's data authoritative instead of making node-0 master again.
 */
final class TopologyState {

  private final Path file;

  TopologyState(Path dataDir) {
    this.file = dataDir.resolve("topology.properties");
  }

  /** The index of the last master, 0 on a first start. */
  int master() {
    if (!Files.exists(file)) {
      return 0;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      int master = Integer.parseInt(properties.getProperty("master", "0"));
      return master >= 0 && master <= 2 ? master : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  void remember(int master) {
    Properties properties = new Properties();
    properties.setProperty("master", Integer.toString(master));
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "The data node that was master when the local topology stopped");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
