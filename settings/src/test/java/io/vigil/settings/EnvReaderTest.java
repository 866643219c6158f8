package io.vigil.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {

  @Test
  void unsetOrBlankMeansTheFallbackAndValuesAreTrimmedButSecretsAreNot() {
    EnvReader r = new EnvReader(Map.of("BLANK", "  ", "NAME", " acme ", "PASSWORD", " pw "));

    assertThat(r.string("BLANK", "d")).isEqualTo("d");
    assertThat(r.string("UNSET", "d")).isEqualTo("d");
    assertThat(r.string("NAME", "d")).isEqualTo("acme");
    assertThat(r.secret("PASSWORD")).isEqualTo(" pw ");
    assertThat(r.integer("BLANK", 7, 0, 10)).isEqualTo(7);
    assertThat(r.bool("UNSET", true)).isTrue();
  }

  @Test
  void wholeNumbersRefuseFractionsExponentsAndUnitsNamingTheVariable() {
    for (String bad : List.of("2.5", "1e3", "10ms", "ten", "0x10")) {
      assertThatThrownBy(() -> new EnvReader(Map.of("VIGIL_X", bad)).wholeNumber("VIGIL_X", 1))
          .isInstanceOf(SettingsException.class)
          .hasMessage("VIGIL_X: must be a whole number, got '" + bad + "'");
    }
    assertThat(new EnvReader(Map.of("VIGIL_X", " -12 ")).wholeNumber("VIGIL_X", 1)).isEqualTo(-12);
  }

  @Test
  void rangesAreCheckedWithTheSameMessageShape() {
    EnvReader r = new EnvReader(Map.of("PORT", "70000", "BIG", "99999999999", "MS", "0"));

    assertThatThrownBy(() -> r.integer("PORT", 1, 1, 65535)).hasMessage("PORT: must be between 1 and 65535, got 70000");
    assertThatThrownBy(() -> r.integer("BIG", 1)).hasMessage("BIG: is out of range, got 99999999999");
    assertThatThrownBy(() -> r.millis("MS", 1, 1)).hasMessage("MS: must be >= 1, got 0");
  }

  @Test
  void booleansAreTrueOrFalseOnly() {
    EnvReader r = new EnvReader(Map.of("A", "TRUE", "B", "false", "C", "yes", "D", "1"));

    assertThat(r.bool("A", false)).isTrue();
    assertThat(r.bool("B", true)).isFalse();
    assertThatThrownBy(() -> r.bool("C", false)).hasMessage("C: must be true or false, got 'yes'");
    assertThatThrownBy(() -> r.bool("D", false)).hasMessage("D: must be true or false, got '1'");
  }

  @Test
  void decimalsAcceptFractionsWithinTheirRange() {
    EnvReader r = new EnvReader(Map.of("W", "0.75", "X", "1.5", "Y", "most"));

    assertThat(r.decimal("W", 0.9, 0, 1)).isEqualTo(0.75);
    assertThatThrownBy(() -> r.decimal("X", 0.9, 0, 1)).hasMessage("X: must be between 0.0 and 1.0, got 1.5");
    assertThatThrownBy(() -> r.decimal("Y", 0.9, 0, 1)).hasMessage("Y: must be a number, got 'most'");
  }

  @Test
  void listsDropBlankEntriesAndParsedEntriesGetTheVariableInTheirError() {
    EnvReader r = new EnvReader(Map.of("L", " a , ,b ", "EMPTY", " , ", "N", "1,x"));

    assertThat(r.list("L", "z")).containsExactly("a", "b");
    assertThat(r.list("UNSET", "z,y")).containsExactly("z", "y");
    assertThat(r.parsedList("UNSET", Integer::valueOf)).isEmpty();
    assertThatThrownBy(() -> r.parsedList("EMPTY", Integer::valueOf)).hasMessage("EMPTY: is set but names nothing");
    assertThatThrownBy(() -> r.parsedList("N", s -> {
      if (!s.matches("\\d+")) {
        throw new IllegalArgumentException("'" + s + "' is not a count");
      }
      return Integer.valueOf(s);
    })).isInstanceOf(SettingsException.class).hasMessage("N: 'x' is not a count");
  }

  @Test
  void aParserThatAlreadyNamesTheVariableIsNotWrappedTwice() {
    EnvReader r = new EnvReader(Map.of("ACKS", "-1"));

    assertThatThrownBy(() -> r.parsed("ACKS", 0, s -> {
      throw new SettingsException("ACKS", "must be >= 0");
    })).hasMessage("ACKS: must be >= 0");
    assertThat(r.parsed("UNSET", 5, Integer::valueOf)).isEqualTo(5);
  }
}
