package io.vigil.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port that a test can cut off from its target, to put a network
 * partition between one client and Redis without touching anyone else's connection.
 * 1. {@link #blackHole()}: bytes in either direction are dropped and new connections are accepted but
 *    go nowhere, as when packets are lost: clients see no error, only silence until their timeouts.
 * 2. {@link #heal()}: the connections that lost bytes are closed (their streams are no longer whole) and
 *    new connections reach the target again.
 * 3. {@link #close()}: stops listening and closes every connection.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean blackHoled;

  private TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts forwarding a free loopback port to {@code targetHost:targetPort}. */
  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      return new TcpProxy(targetHost, targetPort);
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

  /** Ends the partition: connections that lost bytes are closed, new ones are forwarded. */
  public void heal() {
    blackHoled = false;
    for (Link link : links) {
      if (link.broken) {
        link.close();
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    links.forEach(Link::close);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      Link link = new Link(client);
      links.add(link);
      if (blackHoled) {
        // Accepted, but nothing reaches the target: a connect into a partition that then hangs.
        link.broken = true;
        link.pump(client, null);
        continue;
      }
      try {
        link.upstream = new Socket(targetHost, targetPort);
      } catch (IOException e) {
        link.close();
        continue;
      }
      link.pump(client, link.upstream);
      link.pump(link.upstream, client);
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
      Thread thread = new Thread(() -> {
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
      thread.setDaemon(true);
      thread.start();
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      closeQuietly(upstream);
    }

    private void closeQuietly(Socket socket) {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // already closed
        }
      }
    }
  }

  @Override
  public String toString() {
    return "TcpProxy[" + host() + ":" + port() + " -> " + targetHost + ":" + targetPort
        + (blackHoled ? ", black-holed" : "") + "]";
  }
}
