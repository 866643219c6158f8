package io.vigil.core.redis;

import io.vigil.settings.EnvReader;
import io.vigil.settings.SecretFiles;
import io.vigil.settings.SettingsException;
import java.util.List;
import java.util.Map;

/**
 * How Vigil reaches Redis, built once from the environment ({@link #fromEnv} names each variable) and
 * validated here; every error names the setting. {@link #toString} never shows a password.
 *
 * @param standalone used when no Sentinels are configured; else they are asked for {@code masterName}
 * @param username for data nodes (null: the default user); Sentinels have credentials of their own
 * @param minConnections opened at start and after every master switch
 * @param maxBlockingConnections a separate pool for blocking waits
 * @param commandTimeoutMs the whole budget of one call, failover retries included
 * @param replicaAcks {@code auto} (Sentinel default) or a count (standalone default 0)
 * @param replicaAckTimeoutMs how long one WAIT may take
 * @param durableFinish whether complete and fail also wait for replicas
 * @param tls REDIS_TLS, REDIS_SENTINEL_TLS and their files: {@code rediss} to data nodes and Sentinels
 * @param passwordFile REDIS_PASSWORD_FILE: where {@code password} came from, re-read every
 *     {@code credentialsReloadMs} so a rotated password is used without a restart (null: fixed)
 * @param sentinelPasswordFile REDIS_SENTINEL_PASSWORD_FILE, the same for {@code sentinelPassword}
 * @param credentialsReloadMs VIGIL_CREDENTIALS_RELOAD_MS, how often those files are read
 */
public record RedisSettings(RedisAddress standalone, int db, List<RedisAddress> sentinels, String masterName,
                            String username, String password, String sentinelUsername, String sentinelPassword,
                            int maxConnections, int minConnections, int maxBlockingConnections,
                            long connectTimeoutMs, long commandTimeoutMs, ReplicaAcks replicaAcks,
                            long replicaAckTimeoutMs, boolean durableFinish, RedisTls tls,
                            String passwordFile, String sentinelPasswordFile, long credentialsReloadMs) {

  public RedisSettings {
    sentinels = List.copyOf(sentinels);
    tls = tls == null ? RedisTls.OFF : tls;
    require(standalone != null, "REDIS_HOST", "must be set");
    require(db >= 0 && db <= 15_999, "REDIS_DB", "must be between 0 and 15999, got " + db);
    require(masterName != null && masterName.matches("[A-Za-z0-9._-]{1,128}"), "REDIS_MASTER_NAME",
        "must match [A-Za-z0-9._-]{1,128}, got '" + masterName + "'");
    require(maxConnections >= 1, "REDIS_MAX_CONNECTIONS", "must be >= 1, got " + maxConnections);
    require(minConnections >= 0 && minConnections <= maxConnections, "REDIS_MIN_CONNECTIONS",
        "must be between 0 and REDIS_MAX_CONNECTIONS (" + maxConnections + "), got " + minConnections);
    require(maxBlockingConnections >= 1, "REDIS_MAX_BLOCKING_CONNECTIONS", "must be >= 1, got " + maxBlockingConnections);
    require(connectTimeoutMs >= 1, "REDIS_CONNECT_TIMEOUT", "must be >= 1 ms, got " + connectTimeoutMs);
    require(commandTimeoutMs >= 1, "REDIS_COMMAND_TIMEOUT", "must be >= 1 ms, got " + commandTimeoutMs);
    require(replicaAcks != null, "REDIS_MIN_REPLICA_ACKS", "must be set");
    require(!replicaAcks.automatic() || !sentinels.isEmpty(), "REDIS_MIN_REPLICA_ACKS",
        "auto needs REDIS_SENTINELS (only Sentinel knows which replicas are healthy)");
    require(replicaAckTimeoutMs >= 1, "REDIS_REPLICA_ACK_TIMEOUT", "must be >= 1 ms, got " + replicaAckTimeoutMs);
    // A durable write needs room for at least one WAIT inside the call's budget.
    require(!waitsForReplicas(replicaAcks) || replicaAckTimeoutMs < commandTimeoutMs, "REDIS_REPLICA_ACK_TIMEOUT",
        "(" + replicaAckTimeoutMs + ") must be below REDIS_COMMAND_TIMEOUT (" + commandTimeoutMs + ")");
    require(username == null || password != null, "REDIS_USERNAME", "needs REDIS_PASSWORD");
    require(sentinelUsername == null || sentinelPassword != null, "REDIS_SENTINEL_USERNAME", "needs REDIS_SENTINEL_PASSWORD");
    require(credentialsReloadMs >= 100, "VIGIL_CREDENTIALS_RELOAD_MS", "must be >= 100 ms, got " + credentialsReloadMs);
  }

  /** Reads the REDIS_* variables (and VIGIL_DURABLE_FINISH); unset or blank means the default. */
  public static RedisSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    List<RedisAddress> sentinels = r.parsedList("REDIS_SENTINELS", RedisAddress::parse);
    String host = r.string("REDIS_HOST", "127.0.0.1");
    int port = r.integer("REDIS_PORT", 6379, 1, 65535);
    ReplicaAcks acks = r.parsed("REDIS_MIN_REPLICA_ACKS", sentinels.isEmpty() ? ReplicaAcks.fixed(0) : ReplicaAcks.auto(),
        ReplicaAcks::parse);
    return new RedisSettings(new RedisAddress(host, port), r.integer("REDIS_DB", 0, 0, 15_999), sentinels,
        r.string("REDIS_MASTER_NAME", "mymaster"), r.string("REDIS_USERNAME", null), SecretFiles.password(r, "REDIS_PASSWORD"),
        r.string("REDIS_SENTINEL_USERNAME", null), SecretFiles.password(r, "REDIS_SENTINEL_PASSWORD"),
        r.integer("REDIS_MAX_CONNECTIONS", 10, 1, 10_000), r.integer("REDIS_MIN_CONNECTIONS", 2, 0, 10_000),
        r.integer("REDIS_MAX_BLOCKING_CONNECTIONS", 32, 1, 10_000),
        r.millis("REDIS_CONNECT_TIMEOUT", 5_000, 1), r.millis("REDIS_COMMAND_TIMEOUT", 10_000, 1),
        acks, r.millis("REDIS_REPLICA_ACK_TIMEOUT", 1_000, 1),
        r.bool("VIGIL_DURABLE_FINISH", true), RedisTls.fromEnv(r), SecretFiles.path(r, "REDIS_PASSWORD"),
        SecretFiles.path(r, "REDIS_SENTINEL_PASSWORD"), r.millis("VIGIL_CREDENTIALS_RELOAD_MS", 5_000, 100));
  }

  /** The same settings with other passwords (read again from their files): new connections use them. */
  public RedisSettings withPasswords(String nextPassword, String nextSentinelPassword) {
    return new RedisSettings(standalone, db, sentinels, masterName, username, nextPassword, sentinelUsername,
        nextSentinelPassword, maxConnections, minConnections, maxBlockingConnections, connectTimeoutMs,
        commandTimeoutMs, replicaAcks, replicaAckTimeoutMs, durableFinish, tls, passwordFile, sentinelPasswordFile,
        credentialsReloadMs);
  }

  /** Whether a password comes from a file that may be rewritten while Vigil runs. */
  public boolean passwordsFromFiles() {
    return passwordFile != null || sentinelPasswordFile != null;
  }

  /** One standalone node with every other setting at its default, as if only REDIS_HOST/REDIS_PORT were set. */
  public static RedisSettings standalone(String host, int port) {
    return fromEnv(Map.of("REDIS_HOST", host, "REDIS_PORT", Integer.toString(port)));
  }

  /** Sentinel mode: the master is found through {@link #sentinels}, not {@link #standalone}. */
  public boolean sentinelMode() {
    return !sentinels.isEmpty();
  }

  @Override
  public String toString() {
    return "RedisSettings[" + (sentinelMode() ? "sentinels=" + sentinels + ", masterName=" + masterName
        : "standalone=" + standalone) + ", db=" + db + ", username=" + username + ", password=" + redact(password)
        + ", sentinelUsername=" + sentinelUsername + ", sentinelPassword=" + redact(sentinelPassword)
        + ", maxConnections=" + maxConnections + ", minConnections=" + minConnections
        + ", maxBlockingConnections=" + maxBlockingConnections + ", connectTimeoutMs=" + connectTimeoutMs
        + ", commandTimeoutMs=" + commandTimeoutMs + ", replicaAcks=" + replicaAcks
        + ", replicaAckTimeoutMs=" + replicaAckTimeoutMs + ", durableFinish=" + durableFinish + ", " + tls
        + (passwordsFromFiles() ? ", passwordFile=" + passwordFile + ", sentinelPasswordFile=" + sentinelPasswordFile
        + ", credentialsReloadMs=" + credentialsReloadMs : "") + "]";
  }

  private static boolean waitsForReplicas(ReplicaAcks acks) {
    return acks != null && (acks.automatic() || acks.fixed() > 0);
  }

  private static String redact(String secret) {
    return secret == null ? "none" : "***";
  }

  private static void require(boolean condition, String variable, String why) {
    SettingsException.require(condition, variable, why);
  }
}
