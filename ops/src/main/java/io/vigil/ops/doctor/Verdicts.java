package io.vigil.ops.doctor;

import io.vigil.ops.check.Check;
import io.vigil.ops.check.CheckStatus;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Folds one check made on every node into one report line: the worst verdict, and who caused it. */
final class Verdicts {

  private Verdicts() {}

  static <N> Check combine(String item, String kind, List<N> nodes, Function<N, Check> perNode) {
    List<Check> checks = nodes.stream().map(perNode).toList();
    if (checks.isEmpty()) {
      return Check.fail(item, "no " + kind + " to check");
    }
    CheckStatus worst = checks.stream().map(Check::status).max(Enum::compareTo).orElseThrow();
    List<String> details = checks.stream().map(Check::detail).distinct().toList();
    if (details.size() == 1) {
      return new Check(worst, item, checks.size() + "/" + nodes.size() + " " + kind + ": " + details.get(0));
    }
    String each = java.util.stream.IntStream.range(0, checks.size())
        .filter(i -> checks.get(i).status() == worst)
        .mapToObj(i -> nodeName(nodes.get(i)) + ": " + checks.get(i).detail())
        .collect(Collectors.joining("; "));
    return new Check(worst, item, each);
  }

  private static String nodeName(Object node) {
    return node instanceof NodeSnapshot snapshot ? snapshot.node().toString() : String.valueOf(node);
  }
}
