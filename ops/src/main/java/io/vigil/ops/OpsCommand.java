package io.vigil.ops;

import java.util.concurrent.Callable;

/**
 * A {@code vigil} ops subcommand ({@code health}, {@code doctor}, {@code backup}, {@code restore},
 * {@code drill}): a picocli command whose {@code call} returns the exit code. The environment (REDIS_*) and
 * the output streams are given to its constructor. Exit codes: 0 success, 1 a check or the operation
 * failed, 2 wrong usage or settings (picocli returns 2 itself for a bad flag).
 */
public interface OpsCommand extends Callable<Integer> {

  int OK = 0;
  int FAILED = 1;
  int USAGE = 2;
}
