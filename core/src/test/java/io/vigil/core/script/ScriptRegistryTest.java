package io.vigil.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScriptRegistryTest {
  private static final Pattern KEY_LINE = Pattern.compile("KEYS\\[(\\d+)]");

  @Test
  void everyScriptHeaderListsExactlyTheKeysTheRegistryDeclares() {
    for (Script script : Script.values()) {
      String header = script.text().substring(0, script.text().indexOf("]]"));
      Set<Integer> listed = new TreeSet<>();
      Matcher m = KEY_LINE.matcher(header);
      while (m.find()) {
        listed.add(Integer.parseInt(m.group(1)));
      }
      Set<Integer> expected = new TreeSet<>();
      for (int i = 1; i <= script.keyCount(); i++) {
        expected.add(i);
      }
      assertThat(listed).as(script.fileName()).isEqualTo(expected);
      assertThat(header).as(script.fileName()).contains("ARGV[1]").contains("Output:");
    }
  }

  @Test
  void everyLuaFileHasARegistryEntryAndIncludesAreExpanded() throws IOException {
    Set<String> registered = Arrays.stream(Script.values()).map(Script::fileName).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/lua"))) {
      Set<String> onDisk = files.filter(p -> p.toString().endsWith(".lua"))
          .map(p -> p.getFileName().toString().replace(".lua", "")).collect(Collectors.toSet());
      assertThat(onDisk).isEqualTo(registered);
    }
    for (Script script : Script.values()) {
      assertThat(script.text()).doesNotContain("-- @include");
      assertThat(script.sha1()).hasSize(40);
    }
  }
}
