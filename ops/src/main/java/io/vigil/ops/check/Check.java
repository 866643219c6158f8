package io.vigil.ops.check;

/** One line of a health or doctor report: a verdict, a short item name and what was seen. */
public record Check(CheckStatus status, String item, String detail) {

  public static Check pass(String item, String detail) {
    return new Check(CheckStatus.PASS, item, detail);
  }

  public static Check warn(String item, String detail) {
    return new Check(CheckStatus.WARN, item, detail);
  }

  public static Check fail(String item, String detail) {
    return new Check(CheckStatus.FAIL, item, detail);
  }

  @Override
  public String toString() {
    return String.format("%-4s  %-18s %s", status, item, detail);
  }
}
