package io.vigil.core.redis;

import java.util.ArrayList;
import java.util.List;

/** Builds Sentinel views as the probe recorded them: {@code replica("a:1", "slave", "slave", "ok")}. */
final class SentinelViews {
  private SentinelViews() {}

  static SentinelView view(int sentinelPort, String master, long epoch, String masterFlags, SentinelView.Replica... replicas) {
    return new SentinelView(new RedisAddress("127.0.0.1", sentinelPort), RedisAddress.parse(master), epoch,
        SentinelView.flags(masterFlags), new ArrayList<>(List.of(replicas)), 2);
  }

  static SentinelView.Replica replica(String name, String flags, String roleReported, String link) {
    return new SentinelView.Replica(name, SentinelView.flags(flags), roleReported, link);
  }
}
