package io.vigil.topology;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The last defence against leaked Redis processes: a JVM shutdown hook stops every child still registered
 * (SIGTERM so Redis saves, SIGKILL after a short grace) when tests, the JUnit extension and close() were bypassed.
 */
final class ProcessReaper {

  private static final long GRACE_MS = 5_000;
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::stopAll, "vigil-topology-reaper"));
  }

  private ProcessReaper() {}

  static void register(Process process) {
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
  }

  static void release(Process process) {
    LIVE.remove(process);
  }

  private static void stopAll() {
    LIVE.forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
    for (Process process : LIVE) {
      try {
        process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }
}
