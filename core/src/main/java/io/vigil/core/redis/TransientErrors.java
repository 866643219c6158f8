package io.vigil.core.redis;

import io.vertx.core.VertxException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Decides which Redis failures are worth retrying after re-resolving the master. */
public final class TransientErrors {
  private static final List<String> TRANSIENT_REPLY_PREFIXES =
      List.of("READONLY", "NOREPLICAS", "LOADING", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "BUSY ", "UNBLOCKED");
  private static final List<String> TRANSIENT_MESSAGES = List.of("Connection is closed", "Connection refused",
      "Connection reset", "CONNECTION_CLOSED", "Cannot connect", "Timeout", "timed out", "Broken pipe",
      "pool", "Pool", "closed");

  private TransientErrors() {}

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
      for (String prefix : TRANSIENT_REPLY_PREFIXES) {
        if (message.startsWith(prefix)) {
          return true;
        }
      }
      for (String fragment : TRANSIENT_MESSAGES) {
        if (message.contains(fragment)) {
          return true;
        }
      }
    }
    return false;
  }
}
