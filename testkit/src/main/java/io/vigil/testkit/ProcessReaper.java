package io.vigil.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last line of defence against leaked Redis processes: one JVM shutdown hook that kills every child
 * still registered, for the runs where a test, the extension and close() were all bypassed.
 */
final class ProcessReaper {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "vigil-testkit-reaper"));
  }

  private ProcessReaper() {
  }

  static void register(Process process) {
    LIVE.add(process);
    // Dead processes leave by themselves so the set never grows across a long suite.
    process.onExit().thenRun(() -> LIVE.remove(process));
  }

  private static void killAll() {
    for (Process process : LIVE) {
      process.destroyForcibly();
    }
  }
}
