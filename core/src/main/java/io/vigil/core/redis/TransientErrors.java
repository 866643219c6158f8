package io.vigil.core.redis;

import io.vertx.core.VertxException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Decides which Redis failures are worth retrying after re-resolving the master. */
public final class TransientErrors {
  private static final List<String> TRANSIENT_REPLY_PREFIXES =
      List.of("READONLY", "NOREPLICAS", "LOADING", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "BUSY ", "UNBLOCKED",
          // WAIT sent to a node that was demoted between resolving and sending (alone, or inside a batch).
          "ERR WAIT cannot be used with replica", "WAIT cannot be used with replica");
  private static final List<String> TRANSIENT_MESSAGES = List.of("Connection is closed", "Connection refused",
      "Connection reset", "CONNECTION_CLOSED", "Cannot connect", "Timeout", "timed out", "Broken pipe",
      "pool", "Pool", "closed");

  private static final Pattern BATCH_INDEX = Pattern.compile("^ERR \\[\\d+\\] ");

  private TransientErrors() {}

  /**
   * The error replies inside a message. A failed Vert.x batch reports one line per failed command,
   * each as {@code ERR [index] <reply>}, so a prefix check on the whole message would miss them.
   */
  public static List<String> replies(String message) {
    return message.lines().map(line -> BATCH_INDEX.matcher(line).replaceFirst("")).toList();
  }

  /** A node refused the password: WRONGPASS, or "invalid password" from a server before Redis 6. */
  public static boolean isAuthFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String message = c.getMessage();
      if (message != null && (message.contains("WRONGPASS") || message.contains("invalid password"))) {
        return true;
      }
    }
    return false;
  }

  public static boolean isTransient(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof TimeoutException || c instanceof IOException
          || c instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      String message = c.getMessage();
      if (message == null) {
        if (c instanceof VertxException) {
          return true;
        }
        continue;
      }
      if (replies(message).stream().anyMatch(reply -> TRANSIENT_REPLY_PREFIXES.stream().anyMatch(reply::startsWith))
          || TRANSIENT_MESSAGES.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }
}
