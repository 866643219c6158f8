package io.vigil.ops.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Collects checks, printing each as it is added; exit code 1 on any FAIL. */
public final class CheckReport {

  private final PrintStream out;
  private final List<Check> checks = new ArrayList<>();

  public CheckReport(PrintStream out) {
    this.out = out;
  }

  public void add(Check check) {
    checks.add(check);
    out.println(check);
    out.flush();
  }

  public void addAll(List<Check> more) {
    more.forEach(this::add);
  }

  public List<Check> checks() {
    return List.copyOf(checks);
  }

  public boolean failed() {
    return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
  }

  public int exitCode() {
    return failed() ? 1 : 0;
  }
}
