package io.vigil.core.queue;

import io.vigil.core.keys.QueueKeys;
import java.util.concurrent.ConcurrentHashMap;

/** One validated {@link QueueKeys} per queue name, built once. */
public final class QueueKeyCache {
  private static final int MAX_CACHED = 10_000;
  private final String prefix;
  private final ConcurrentHashMap<String, QueueKeys> cache = new ConcurrentHashMap<>();

  public QueueKeyCache(String prefix) {
    this.prefix = prefix;
  }

  /** Validates the queue name; throws InvalidRequestException for a bad one. */
  public QueueKeys of(String queue) {
    QueueKeys cached = cache.get(queue);
    if (cached != null) {
      return cached;
    }
    QueueKeys built = new QueueKeys(prefix, queue);
    if (cache.size() < MAX_CACHED) {
      cache.put(queue, built);
    }
    return built;
  }

  public String prefix() {
    return prefix;
  }
}
