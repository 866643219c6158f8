package io.vigil.ops;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Prepares picocli command lines the same way for every {@code vigil} command: {@code -h}/{@code --help}
 * on the command and each subcommand, picocli's help and errors on the given streams. A bad flag or value
 * makes picocli print the message naming it plus the usage and return 2 ({@link OpsCommand#USAGE}).
 */
public final class CommandLines {
  private CommandLines() {}

  /** Adds help to {@code line} and every subcommand added so far; subcommands must be added before. */
  public static CommandLine prepare(CommandLine line, PrintStream out, PrintStream err) {
    addHelp(line);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line;
  }

  /** Parses {@code args} for one command object and runs it; returns its exit code. */
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
