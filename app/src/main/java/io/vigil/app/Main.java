package io.vigil.app;

/** Entry point of {@code vigil.jar}: parses the command line ({@link VigilCommand}) and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // The only System.exit: commands return their exit code.
    System.exit(VigilCommand.execute(System.getenv(), System.out, System.err, args));
  }
}
