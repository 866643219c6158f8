package io.vigil.core.keys;

import java.util.List;

/**
 * Builds every Redis key of one queue; no key is concatenated anywhere else.
 * All keys of a queue share the {@code {queue}} hash tag so they live in one Cluster slot.
 */
public final class QueueKeys {
  private final String prefix;
  private final String queue;
  private final String base;

  public QueueKeys(String prefix, String queue) {
    this.prefix = Names.requireValidPrefix(prefix);
    this.queue = Names.requireValidQueue(queue);
    this.base = prefix + ":{" + queue + "}:";
  }

  public String queue() {
    return queue;
  }

  /** ZSET job ids ready to run, scored by priority band then sequence (FIFO within a priority). */
  public String waiting() {
    return base + "waiting";
  }

  /** ZSET job ids waiting for a time, scored by due epoch ms. */
  public String delayed() {
    return base + "delayed";
  }

  /** ZSET job ids under a lease, scored by lease expiry epoch ms. */
  public String active() {
    return base + "active";
  }

  /** ZSET finished job ids, scored by finish epoch ms. */
  public String completed() {
    return base + "completed";
  }

  /** ZSET failed job ids, scored by finish epoch ms. */
  public String failed() {
    return base + "failed";
  }

  /** HASH queue settings and counters: paused, maxActive, rateMax, rateWindowMs, staleResults. */
  public String meta() {
    return base + "meta";
  }

  /** LIST wake-up markers for idle workers blocked in BLPOP. */
  public String marker() {
    return base + "marker";
  }

  /** STRING jobs started in the current rate window, expiring with the window. */
  public String rate() {
    return base + "rate";
  }

  /** STREAM lifecycle events, capped. */
  public String events() {
    return base + "events";
  }

  /** STRING sequence used for FIFO order within a priority. */
  public String sequence() {
    return base + "seq";
  }

  /** STRING present while a stalled check ran recently (PX = stalled interval). */
  public String stalledCheck() {
    return base + "stalled-check";
  }

  /**
   * Prefix of lease keys: {@code <leasePrefix><token>} is a STRING holding the job id leased under that
   * token, deleted when the job leaves active (expiring with the lease at the latest); it makes a retried
   * fetch idempotent.
   */
  public String leasePrefix() {
    return base + "lease:";
  }

  /**
   * Prefix of once-markers: {@code <oncePrefix><jobId>} is a STRING set when a job was created through
   * {@code Enqueuer.enqueueOnce} and expiring (PX) after the caller's time, whatever the retention; while
   * it exists that id is not created again (one job per cron fire).
   */
  public String oncePrefix() {
    return base + "once:";
  }

  /**
   * STRING the recorded reply of one durable call (JSON), expiring shortly after the broker stops retrying
   * it: a call sent again answers from it instead of acting twice (lua/includes/operation.lua).
   */
  public String operation(String operationId) {
    return base + "op:" + operationId;
  }

  /** ZSET accepted job ids scored by accept epoch ms, so an id stays taken after its job is gone. */
  public String reservedIds() {
    return base + "reserved-ids";
  }

  /** SET of every queue name under this prefix (not hash-tagged: spans queues). */
  public String queues() {
    return queuesKey(prefix);
  }

  /** What every key of this queue starts with, its hash tag included (for a whole-queue SCAN). */
  public String queuePrefix() {
    return base;
  }

  /** Prefix of job keys: {@code <jobPrefix><id>} is a HASH of the job, {@code <jobPrefix><id>:data} a STRING payload. */
  public String jobPrefix() {
    return base + "job:";
  }

  /** HASH of one job. */
  public String job(String id) {
    return jobPrefix() + Names.requireValidJobId(id);
  }

  /** STRING payload of one job. */
  public String jobData(String id) {
    return job(id) + ":data";
  }

  /** The standard key list every transition script receives, in this order (see lua headers). */
  public List<String> scriptKeys() {
    return List.of(waiting(), delayed(), active(), completed(), failed(), meta(), marker(), rate(),
        events(), sequence(), stalledCheck(), queues());
  }

  /** {@link #scriptKeys()} plus the operation record of a call that must not act twice. */
  public List<String> scriptKeys(String operationId) {
    List<String> keys = new java.util.ArrayList<>(scriptKeys());
    keys.add(operation(operationId));
    return keys;
  }

  /** STRING token of the one gateway relaying events to the event bus, expiring (PX) unless renewed. */
  public static String relayLeaseKey(String prefix) {
    return Names.requireValidPrefix(prefix) + ":relay-lease";
  }

  /**
   * STRING claimed (PX) by the one node that reconciles after a master change, per replication id of the
   * new master; "done" once that pass finished, so the other nodes skip it.
   */
  public static String reconcileKey(String prefix, String masterReplId) {
    return Names.requireValidPrefix(prefix) + ":reconcile:" + masterReplId;
  }

  /** Job key prefix of a job key ({@code <prefix>:{<queue>}:job:<id>} -> {@code <prefix>:{<queue>}:job:}), or null. */
  public static String jobPrefixOf(String jobKey) {
    int end = jobKey.indexOf("}:job:");
    return end < 0 ? null : jobKey.substring(0, end + "}:job:".length());
  }

  /** Glob (SCAN MATCH) over the job keys of every queue under a prefix; a valid prefix holds no glob character. */
  public static String allJobsPattern(String prefix) {
    return Names.requireValidPrefix(prefix) + ":{*}:job:*";
  }

  public static String queuesKey(String prefix) {
    return Names.requireValidPrefix(prefix) + ":queues";
  }
}
