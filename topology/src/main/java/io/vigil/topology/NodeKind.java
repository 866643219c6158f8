package io.vigil.topology;

/** What a node runs: a Redis data node or a Sentinel. Names its config and log files. */
public enum NodeKind {
  DATA, SENTINEL;

  /** {@code redis} or {@code sentinel}: the node's files are {@code <base>.conf} and {@code <base>.log}. */
  public String fileBase() {
    return this == DATA ? "redis" : "sentinel";
  }
}
