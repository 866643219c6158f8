package io.vigil.core.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Redis key of one queue, built once by {@link #QueueKeys(String, String)}; no key is concatenated
 * anywhere else. All keys of a queue share the {@code {queue}} hash tag so they live in one Cluster slot.
 *
 * @param waiting ZSET job ids ready to run, scored by priority band then sequence (FIFO within a priority)
 * @param delayed ZSET job ids waiting for a time, scored by due epoch ms
 * @param active ZSET job ids under a lease, scored by lease expiry epoch ms
 * @param completed ZSET finished job ids, scored by finish epoch ms
 * @param failed ZSET failed job ids, scored by finish epoch ms
 * @param meta HASH queue settings and counters: paused, maxActive, rateMax, rateWindowMs, staleResults
 * @param marker LIST wake-up markers for idle workers blocked in BLPOP
 * @param rate STRING jobs started in the current rate window, expiring with the window
 * @param events STREAM lifecycle events, capped
 * @param sequence STRING sequence used for FIFO order within a priority
 * @param stalledCheck STRING present while a stalled check ran recently (PX = stalled interval)
 * @param leasePrefix {@code <leasePrefix><token>} is a STRING holding the job id leased under that token,
 *     deleted when the job leaves active (expiring with the lease at the latest): a retried fetch is idempotent
 * @param oncePrefix {@code <oncePrefix><jobId>} is a STRING set by {@code Enqueuer.enqueueOnce}, expiring (PX)
 *     after the caller's time whatever the retention; while it exists that id is not created again
 * @param reservedIds ZSET accepted job ids scored by accept epoch ms, so an id stays taken after its job is gone
 * @param queues SET of every queue name under this prefix (not hash-tagged: spans queues)
 * @param queuePrefix what every key of this queue starts with, its hash tag included (for a whole-queue SCAN)
 * @param jobPrefix {@code <jobPrefix><id>} is a HASH of the job, its payload in field {@code data} (jobs enqueued
 *     before that keep it in the STRING {@code <jobPrefix><id>:data})
 */
public record QueueKeys(String queue, String waiting, String delayed, String active, String completed,
                        String failed, String meta, String marker, String rate, String events, String sequence,
                        String stalledCheck, String leasePrefix, String oncePrefix, String reservedIds,
                        String queues, String queuePrefix, String jobPrefix) {

  public QueueKeys(String prefix, String queue) {
    this(Names.requireValidPrefix(prefix) + ":{" + Names.requireValidQueue(queue) + "}:", queue, queuesKey(prefix));
  }

  private QueueKeys(String base, String queue, String queues) {
    this(queue, base + "waiting", base + "delayed", base + "active", base + "completed", base + "failed",
        base + "meta", base + "marker", base + "rate", base + "events", base + "seq", base + "stalled-check",
        base + "lease:", base + "once:", base + "reserved-ids", queues, base, base + "job:");
  }

  /**
   * STRING the recorded reply of one durable call (JSON), expiring shortly after the broker stops retrying
   * it: a call sent again answers from it instead of acting twice (lua/includes/operation.lua).
   */
  public String operation(String operationId) {
    return queuePrefix + "op:" + operationId;
  }

  /**
   * HASH jobs that finished in one minute ({@code completed}, {@code failed}); {@code epochMinute} is epoch
   * ms / 60000. Written by the event relay with an expiry, read by the dashboard's throughput chart.
   */
  public String minute(long epochMinute) {
    return queuePrefix + "minute:" + epochMinute;
  }

  /** HASH of one job. */
  public String job(String id) {
    return jobPrefix + Names.requireValidJobId(id);
  }

  /** STRING payload of a job enqueued before the payload became the {@code data} field of its hash. */
  public String jobData(String id) {
    return job(id) + ":data";
  }

  /** The standard key list every transition script receives, in this order (see lua headers). */
  public List<String> scriptKeys() {
    return List.of(waiting, delayed, active, completed, failed, meta, marker, rate, events, sequence, stalledCheck,
        queues);
  }

  /** {@link #scriptKeys()} plus the operation record of a call that must not act twice. */
  public List<String> scriptKeys(String operationId) {
    List<String> keys = new ArrayList<>(scriptKeys());
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

  /** Failovers the cluster followed: ZSET of each new master's replication id, scored by when its pass ended. */
  public static String failoversKey(String prefix) {
    return Names.requireValidPrefix(prefix) + ":failovers";
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
