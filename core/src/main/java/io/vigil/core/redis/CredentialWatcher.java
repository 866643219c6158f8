package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vigil.core.loop.PeriodicTask;
import io.vigil.settings.SecretFiles;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows REDIS_PASSWORD_FILE and REDIS_SENTINEL_PASSWORD_FILE (Docker/Kubernetes secrets), so a rotated
 * password is used without a restart.
 * 1. Every VIGIL_CREDENTIALS_RELOAD_MS, and at once when a node answers WRONGPASS, both files are read
 *    (asynchronously: never on the event loop's thread).
 * 2. A changed content goes to {@link MasterTracker#useCredentials}; the log names the file, never the secret.
 * 3. An unreadable or empty file keeps the password in use (a secret being replaced may vanish briefly).
 */
final class CredentialWatcher {
  private static final Logger log = LoggerFactory.getLogger(CredentialWatcher.class);
  private final Vertx vertx;
  private final MasterTracker tracker;
  private volatile PeriodicTask task;
  private String lastProblem;

  CredentialWatcher(Vertx vertx, MasterTracker tracker) {
    this.vertx = vertx;
    this.tracker = tracker;
  }

  /** Starts following the files, if any. */
  void start(Clock clock) {
    RedisSettings s = tracker.settings();
    if (!s.passwordsFromFiles()) {
      return;
    }
    task = PeriodicTask.start(vertx, clock, "redis-credentials-reload", s.credentialsReloadMs(), this::check);
  }

  /** Reads the files now (unless a read is under way); nothing without files. */
  void reloadNow() {
    if (task != null) {
      task.runNow();
    }
  }

  void stop() {
    if (task != null) {
      task.stop();
    }
  }

  /** One read of both files; at most one change applied per tick. */
  Future<?> check() {
    RedisSettings s = tracker.settings();
    return Future.join(read(s.passwordFile(), s.password()), read(s.sentinelPasswordFile(), s.sentinelPassword()))
        .compose(both -> {
          String password = both.resultAt(0);
          String sentinelPassword = both.resultAt(1);
          boolean dataChanged = !Objects.equals(password, s.password());
          boolean sentinelChanged = !Objects.equals(sentinelPassword, s.sentinelPassword());
          if (!dataChanged && !sentinelChanged) {
            return Future.succeededFuture();
          }
          log.info("redis credentials changed, renewing connections{}{}",
              dataChanged ? " passwordFile=" + s.passwordFile() : "",
              sentinelChanged ? " sentinelPasswordFile=" + s.sentinelPasswordFile() : "");
          return tracker.useCredentials(s.withPasswords(password, sentinelPassword), dataChanged);
        });
  }

  /** The file's secret, or {@code inUse} when there is no file or it cannot be read now. */
  private Future<String> read(String file, String inUse) {
    if (file == null) {
      return Future.succeededFuture(inUse);
    }
    return vertx.fileSystem().readFile(file).map(Buffer::getBytes).map(SecretFiles::parse)
        .onSuccess(ok -> lastProblem = null)
        .recover(e -> {
          String problem = file + ": " + (e instanceof IllegalArgumentException ? e.getMessage() : e.getClass().getSimpleName());
          if (!problem.equals(lastProblem)) {
            log.warn("redis password file unreadable, keeping the password in use file={}", problem);
          }
          lastProblem = problem;
          return Future.succeededFuture(inUse);
        });
  }
}
