package io.vigil.ops;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every {@code vigil} command line: {@code -h}/{@code --help} on each command, output on the given streams. */
public final class CommandLines {
  private CommandLines() {}

  /** Adds help to {@code line} and every subcommand added so far; subcommands must be added before. */
  public static CommandLine prepare(CommandLine line, PrintStream out, PrintStream err) {
    addHelp(line);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line;
  }

  public static int execute(Object command, PrintStream out, PrintStream err, String... args) {
    return prepare(new CommandLine(command), out, err).execute(args);
  }

  private static void addHelp(CommandLine line) {
    CommandSpec spec = line.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.")
          .build());
    }
    line.getSubcommands().values().forEach(CommandLines::addHelp);
  }
}
