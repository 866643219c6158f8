package io.vigil.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretFilesTest {

  @Test
  void aSecretFileLosesOnlyItsTrailingLineBreak() throws Exception {
    Path file = Files.createTempFile("secret", ".txt");
    Files.writeString(file, " pw with spaces \r\n");

    EnvReader r = new EnvReader(Map.of("REDIS_PASSWORD_FILE", file.toString()));

    assertThat(SecretFiles.secret(r, "REDIS_PASSWORD")).isEqualTo(" pw with spaces ");
    assertThat(SecretFiles.path(r, "REDIS_PASSWORD")).isEqualTo(file.toString());
  }

  @Test
  void theVariableItselfIsUsedWhenNoFileIsNamed() {
    EnvReader r = new EnvReader(Map.of("REDIS_PASSWORD", "plain\n"));

    assertThat(SecretFiles.secret(r, "REDIS_PASSWORD")).isEqualTo("plain\n");
    assertThat(SecretFiles.path(r, "REDIS_PASSWORD")).isNull();
    assertThat(SecretFiles.secret(new EnvReader(Map.of()), "REDIS_PASSWORD")).isNull();
  }

  @Test
  void bothTheVariableAndItsFileIsRefusedNamingBoth() {
    EnvReader r = new EnvReader(Map.of("REDIS_PASSWORD", "pw", "REDIS_PASSWORD_FILE", "/run/secrets/pw"));

    assertThatThrownBy(() -> SecretFiles.secret(r, "REDIS_PASSWORD")).isInstanceOf(SettingsException.class)
        .hasMessage("REDIS_PASSWORD_FILE: set only one of REDIS_PASSWORD and REDIS_PASSWORD_FILE");
  }

  @Test
  void aMissingOrEmptyFileIsRefusedWithoutShowingContent() throws Exception {
    Path empty = Files.createTempFile("secret", ".txt");
    Files.writeString(empty, "\n");

    assertThatThrownBy(() -> SecretFiles.secret(new EnvReader(Map.of("X_FILE", empty.toString())), "X"))
        .isInstanceOf(SettingsException.class).hasMessage("X_FILE: cannot read " + empty + " (the file is empty)");
    assertThatThrownBy(() -> SecretFiles.secret(new EnvReader(Map.of("X_FILE", "/nonexistent/secret")), "X"))
        .isInstanceOf(SettingsException.class)
        .hasMessage("X_FILE: cannot read /nonexistent/secret (NoSuchFileException)");
  }
}
