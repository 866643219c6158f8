package io.vigil.core.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Registry of every Lua script: its file under {@code lua/} and how many KEYS it takes (a test checks each
 * file's header against this table). {@code -- @include name} lines are expanded with
 * {@code lua/includes/name.lua}, so shared steps (promote, move to active, trim) are written once.
 */
public enum Script {
  ENQUEUE("enqueue", 14),
  FETCH("fetch", 12),
  EXTEND_LEASE("extendLease", 12),
  HOLD_LEASE("holdLease", 1),
  UPDATE_PROGRESS("updateProgress", 12),
  COMPLETE("complete", 12),
  COMPLETE_BATCH("completeBatch", 12),
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
  FINISH_RECONCILE("finishReconcile", 2),
  ADVANCE_SCHEDULE("advanceSchedule", 2),
  PUT_SCHEDULE("putSchedule", 3),
  DELETE_SCHEDULE("deleteSchedule", 3),
  DECLARE_QUEUE("declareQueue", 12),
  DELETE_QUEUE("deleteQueue", 13),
  /** Takes 1 + the batch's keys; 2 is the fewest. */
  PURGE_QUEUE_KEYS("purgeQueueKeys", 2);

  private static final String INCLUDE = "-- @include ";
  private final String fileName;
  private final int keyCount;
  private final String text;
  private final String sha1;

  Script(String fileName, int keyCount) {
    this.fileName = fileName;
    this.keyCount = keyCount;
    StringBuilder out = new StringBuilder();
    for (String line : read("lua/" + fileName + ".lua").split("\n", -1)) {
      if (line.startsWith(INCLUDE)) {
        out.append(read("lua/includes/" + line.substring(INCLUDE.length()).trim() + ".lua"));
      } else {
        out.append(line).append('\n');
      }
    }
    this.text = out.toString();
    try {
      this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String fileName() {
    return fileName;
  }

  public int keyCount() {
    return keyCount;
  }

  /** The script text with includes expanded. */
  public String text() {
    return text;
  }

  public String sha1() {
    return sha1;
  }

  private static String read(String path) {
    try (InputStream in = Script.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
