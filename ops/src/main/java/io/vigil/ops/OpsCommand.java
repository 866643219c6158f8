package io.vigil.ops;

import java.util.concurrent.Callable;

/** A {@code vigil} ops subcommand: 0 success, 1 a check or the operation failed, 2 wrong usage or settings. */
public interface OpsCommand extends Callable<Integer> {

  int OK = 0;
  int FAILED = 1;
  int USAGE = 2;
}
