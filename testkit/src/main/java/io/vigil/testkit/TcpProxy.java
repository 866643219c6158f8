package io.vigil.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port that a test can cut off from its target: a network partition between one
 * client and Redis. {@link #blackHole()} drops bytes both ways and accepts new connections that go nowhere (the
 * client sees only silence); {@link #heal()} closes the connections that lost bytes and forwards new ones again.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean blackHoled;

  private TcpProxy(String targetHost, int targetPort, ServerSocket server) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = server;
    daemon(this::accept, "tcp-proxy-accept-" + server.getLocalPort());
  }

  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      return new TcpProxy(targetHost, targetPort, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a proxy port for " + targetHost + ":" + targetPort, e);
    }
  }

  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Drops every byte from now on, both ways, on old and new connections alike. */
  public void blackHole() {
    blackHoled = true;
    links.forEach(link -> link.broken = true);
  }

  public void heal() {
    blackHoled = false;
    links.stream().filter(link -> link.broken).forEach(Link::close);
  }

  /**
   * Forwards new connections again but leaves the ones that lost bytes open and silent, as a real network heals:
   * TCP resends what the partition dropped only at its next retransmission, which after a cut of some seconds
   * comes seconds to minutes later, and until then those connections answer nothing.
   */
  public void healNewConnectionsOnly() {
    blackHoled = false;
  }

  @Override
  public void close() {
    closeQuietly(server);
    links.forEach(Link::close);
  }

  private void accept() {
    while (!server.isClosed()) {
      Link link;
      try {
        link = new Link(server.accept());
      } catch (IOException e) {
        return;
      }
      links.add(link);
      if (blackHoled) {
        // Accepted, but nothing reaches the target: a connect into a partition that then hangs.
        link.broken = true;
        link.pump(link.client, null);
        continue;
      }
      try {
        link.upstream = new Socket(targetHost, targetPort);
      } catch (IOException e) {
        link.close();
        continue;
      }
      link.pump(link.client, link.upstream);
      link.pump(link.upstream, link.client);
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException e) {
      // already closed
    }
  }

  /** One client connection and its upstream; each direction is copied by its own thread. */
  private final class Link {
    final Socket client;
    volatile Socket upstream;
    volatile boolean broken;

    Link(Socket client) {
      this.client = client;
    }

    /** Copies {@code from} to {@code to} (null: discard) until either side closes; drops bytes while broken. */
    void pump(Socket from, Socket to) {
      daemon(() -> {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
          OutputStream out = to == null ? null : to.getOutputStream();
          int n;
          while ((n = in.read(buffer)) >= 0) {
            if (!broken && out != null) {
              out.write(buffer, 0, n);
              out.flush();
            }
          }
        } catch (IOException e) {
          // either side closed
        } finally {
          close();
        }
      }, "tcp-proxy-" + port());
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  @Override
  public String toString() {
    return "TcpProxy[" + host() + ":" + port() + " -> " + targetHost + ":" + targetPort
        + (blackHoled ? ", black-holed" : "") + "]";
  }
}
