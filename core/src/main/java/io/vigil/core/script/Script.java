package io.vigil.core.script;

/**
 * Registry of every Lua script: its file under {@code lua/} and how many KEYS it takes.
 * A test checks each file's header against this table.
 */
public enum Script {
  ENQUEUE("enqueue", 14),
  FETCH("fetch", 12),
  EXTEND_LEASE("extendLease", 12),
  HOLD_LEASE("holdLease", 1),
  UPDATE_PROGRESS("updateProgress", 12),
  COMPLETE("complete", 12),
  FAIL("fail", 12),
  RECOVER_STALLED("recoverStalled", 12),
  RELEASE("release", 12),
  PAUSE("pause", 12),
  RESUME("resume", 12),
  SET_LIMITS("setLimits", 12),
  REMOVE("remove", 13),
  RETRY("retry", 13),
  PROMOTE("promote", 13),
  RECONCILE("reconcile", 12),
  ADVANCE_SCHEDULE("advanceSchedule", 2),
  PUT_SCHEDULE("putSchedule", 3),
  DELETE_SCHEDULE("deleteSchedule", 3);

  private final String fileName;
  private final int keyCount;
  private final ScriptSource source;

  Script(String fileName, int keyCount) {
    this.fileName = fileName;
    this.keyCount = keyCount;
    this.source = ScriptSource.load(fileName);
  }

  public String fileName() {
    return fileName;
  }

  public int keyCount() {
    return keyCount;
  }

  /** The script text with includes expanded. */
  public String text() {
    return source.text();
  }

  public String sha1() {
    return source.sha1();
  }
}
