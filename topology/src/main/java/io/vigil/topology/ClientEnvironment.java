package io.vigil.topology;

import io.vigil.sentinelconfig.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The REDIS_* variables a Vigil role or an ops command needs to use a topology as its application user. */
public final class ClientEnvironment {

  private ClientEnvironment() {}

  public static Map<String, String> of(SentinelTopology topology) {
    Secrets secrets = topology.secrets();
    if (secrets.appUser() == null) {
      throw new IllegalStateException("the topology has no application user: set TopologySpec secrets with one");
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("REDIS_SENTINELS", String.join(",", topology.sentinelAddresses()));
    env.put("REDIS_MASTER_NAME", topology.masterName());
    env.put("REDIS_USERNAME", secrets.appUser());
    env.put("REDIS_PASSWORD", secrets.appPassword());
    env.put("REDIS_SENTINEL_USERNAME", secrets.appUser());
    env.put("REDIS_SENTINEL_PASSWORD", secrets.appPassword());
    env.put("REDIS_ADMIN_USERNAME", "default");
    env.put("REDIS_ADMIN_PASSWORD", secrets.adminPassword());
    env.put("REDIS_QUEUE_PREFIX", topology.spec().keyPrefix());
    return env;
  }
}
