package io.vigil.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Hands out loopback ports that were free a moment ago. The port is released before Redis binds it, so
 * a race is possible; callers retry with another port when Redis reports "Address already in use".
 */
public final class FreePorts {

  /** Recently handed out ports are not handed out again, so nodes started back to back never share one. */
  private static final int MEMORY = 256;
  private static final Set<Integer> RECENT = new LinkedHashSet<>();

  private FreePorts() {}

  public static synchronized int next() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = bindAndRelease();
      if (RECENT.add(port)) {
        if (RECENT.size() > MEMORY) {
          RECENT.remove(RECENT.iterator().next());
        }
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port found after 50 attempts");
  }

  private static int bindAndRelease() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a loopback port", e);
    }
  }
}
