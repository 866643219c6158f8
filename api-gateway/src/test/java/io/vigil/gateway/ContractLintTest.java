package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.gateway.support.Redocly;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The contract passes Redocly's recommended rules with no error (warnings are printed, not failed). */
class ContractLintTest {
  private static final Path CONTRACT = Path.of("src", "main", "resources", "openapi.yaml");

  @Test
  void contractHasNoLintError() throws Exception {
    Redocly.Lint lint = Redocly.lintRecommended(CONTRACT);

    System.out.println("redocly " + Redocly.VERSION + " lint --extends=recommended: " + lint.errors() + " errors, "
        + lint.warnings() + " warnings");
    assertThat(lint.errors()).as(lint.report()).isZero();
  }

  @Test
  void theLinterCatchesADescriptionWhoseCommaSplitsAFlowMapping() throws Exception {
    String broken = Files.readString(CONTRACT).replace(
        "progress: {description: 'The latest progress value reported by the worker, or null.'}",
        "progress: {description: The latest progress value reported by the worker, or null.}");
    assertThat(broken).isNotEqualTo(Files.readString(CONTRACT));
    Path copy = Files.createDirectories(Path.of("target", "contract-lint")).resolve("openapi.yaml");
    Files.writeString(copy, broken);

    assertThat(Redocly.lintRecommended(copy).errors()).isEqualTo(1);
  }
}
