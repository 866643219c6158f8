package io.vigil.ops;

import io.vigil.core.keys.Names;
import io.vigil.core.redis.RedisAddress;
import io.vigil.core.redis.RedisTls;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.RespTls;
import io.vigil.settings.EnvReader;
import io.vigil.settings.SecretFiles;
import io.vigil.settings.SettingsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the ops commands reach a deployment, read once from the same REDIS_* variables as the roles (plus
 * REDIS_ADMIN_*); every error names its variable, and no password is ever shown ({@link Credentials}).
 *
 * @param sentinels REDIS_SENTINELS, comma-separated {@code host:port}; empty means a standalone Redis
 * @param masterName REDIS_MASTER_NAME (default mymaster)
 * @param standalone REDIS_HOST / REDIS_PORT (default 127.0.0.1:6379), used without Sentinels
 * @param db REDIS_DB, where the queue keys are (default 0)
 * @param app REDIS_USERNAME / REDIS_PASSWORD: the application's user (each password may also be given as a
 *     file, REDIS_PASSWORD_FILE and so on, as the roles read them)
 * @param sentinel REDIS_SENTINEL_USERNAME / REDIS_SENTINEL_PASSWORD, as the roles read them (unset: no
 *     AUTH); the shipped setup gives the application's user here too
 * @param admin REDIS_ADMIN_USERNAME (default: the default user) / REDIS_ADMIN_PASSWORD, for what the
 *     application user may not do (CONFIG GET, ACL, SYNC); unset means the application's credentials
 * @param prefix REDIS_QUEUE_PREFIX (default vigil)
 * @param timeout REDIS_CONNECT_TIMEOUT in ms (default 5000): connect and reply timeout of every call
 * @param tls REDIS_TLS, REDIS_SENTINEL_TLS, REDIS_TLS_CA_FILE, REDIS_TLS_CERT/KEY, read as the roles read them
 */
public record OpsSettings(List<Endpoint> sentinels, String masterName, Endpoint standalone, int db, Credentials app,
    Credentials sentinel, Credentials admin, String prefix, Duration timeout, RedisTls tls) {

  public OpsSettings {
    sentinels = List.copyOf(sentinels);
    tls = tls == null ? RedisTls.OFF : tls;
    SettingsException.require(masterName != null && masterName.matches("[A-Za-z0-9._-]{1,128}"), "REDIS_MASTER_NAME",
        "must match [A-Za-z0-9._-]{1,128}, got '" + masterName + "'");
    Names.requireValidPrefix(prefix);
  }

  public static OpsSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    // The roles' parser, so that ops and the roles accept the same REDIS_SENTINELS.
    List<Endpoint> sentinels = r.parsedList("REDIS_SENTINELS", RedisAddress::parse).stream()
        .map(a -> new Endpoint(a.host(), a.port())).toList();
    Credentials app = credentials(r, "REDIS_USERNAME", "REDIS_PASSWORD");
    Credentials sentinel = credentials(r, "REDIS_SENTINEL_USERNAME", "REDIS_SENTINEL_PASSWORD");
    Credentials admin = SecretFiles.secret(r, "REDIS_ADMIN_PASSWORD") == null ? app
        : credentials(r, "REDIS_ADMIN_USERNAME", "REDIS_ADMIN_PASSWORD");
    return new OpsSettings(sentinels, r.string("REDIS_MASTER_NAME", "mymaster"),
        new Endpoint(r.string("REDIS_HOST", "127.0.0.1"), r.integer("REDIS_PORT", 6379, 1, 65535)),
        r.integer("REDIS_DB", 0, 0, 15_999), app, sentinel, admin, r.string("REDIS_QUEUE_PREFIX", "vigil"),
        Duration.ofMillis(r.wholeNumber("REDIS_CONNECT_TIMEOUT", 5000, 1, 600_000)), RedisTls.fromEnv(r));
  }

  /** TLS to the Sentinels, or null for plain text. */
  public RespTls sentinelTls() {
    return tls.sentinels() ? RespTls.of(tls.caFile(), tls.certFile(), tls.keyFile()) : null;
  }

  /** TLS to the data nodes, or null for plain text. */
  public RespTls dataTls() {
    return tls.data() ? RespTls.of(tls.caFile(), tls.certFile(), tls.keyFile()) : null;
  }

  public boolean sentinelMode() {
    return !sentinels.isEmpty();
  }

  private static Credentials credentials(EnvReader r, String userVariable, String passwordVariable) {
    String user = r.string(userVariable, null);
    String password = SecretFiles.password(r, passwordVariable);
    SettingsException.require(user == null || password != null, userVariable, "needs " + passwordVariable);
    return new Credentials(user, password);
  }
}
