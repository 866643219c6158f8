package io.vigil.topology;

/** What a node runs: a Redis data node or a Sentinel. Names its config and log files. */
public enum NodeKind {
  DATA, SENTINEL;

  public String fileBase() {
    return this == DATA ? "redis" : "sentinel";
  }
}
