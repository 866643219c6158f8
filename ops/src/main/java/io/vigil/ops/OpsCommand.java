package io.vigil.ops;

import java.util.Map;

/**
 * A {@code vigil} subcommand run by the launcher: {@code vigil health|doctor|backup|restore [args]}.
 * Exit codes: 0 success, 1 a check or the operation failed, 2 wrong usage or settings.
 */
public interface OpsCommand {

  int OK = 0;
  int FAILED = 1;
  int USAGE = 2;

  /**
   * @param args the arguments after the command name
   * @param env the environment (REDIS_*), usually {@code System.getenv()}
   */
  int run(String[] args, Map<String, String> env);
}
