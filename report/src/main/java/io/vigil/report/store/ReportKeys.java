package io.vigil.report.store;

import io.vigil.core.keys.Names;

/**
 * Builds every Redis key of one project's reports; no report key is concatenated anywhere else.
 * The {@code {report:<projectId>}} hash tag keeps a project's keys in one Cluster slot (MGET works), and
 * cannot collide with a queue's {@code {<queue>}} tag because queue names have no ':'.
 */
public final class ReportKeys {
  private final String base;

  public ReportKeys(String prefix, String projectId) {
    Names.requireValidPrefix(prefix);
    if (!Names.isValidId(projectId)) {
      throw new io.vigil.core.error.InvalidRequestException("projectId must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
    this.base = prefix + ":{report:" + projectId + "}:";
  }

  /** ZSET ids of the jobs whose reports are kept, scored by the epoch ms of their first save. */
  public String history() {
    return base + "history";
  }

  /** STRING one report's JSON, written by job {@code jobId}. */
  public String report(String jobId) {
    return base + "job:" + Names.requireValidJobId(jobId);
  }
}
