package io.vigil.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network fault inside containers' own network namespaces: an nftables table whose input and output
 * chains drop chosen addresses, added from the host with {@code nsenter -t <pid> -n nft} (the image needs
 * nothing; the host needs nft and root). {@link #heal} deletes the tables. Loopback and the Docker host
 * (the network's gateway, where the test runs) are never cut, so the test keeps observing both sides.
 */
public final class NetworkCut {

  private static final String TABLE = "vigil_cut";

  private final List<ContainerHost> cut;

  private NetworkCut(List<ContainerHost> cut) {
    this.cut = List.copyOf(cut);
  }

  /**
   * Partition: every container of {@code side} stops talking to {@code others} (both directions), while the
   * containers of each side still talk among themselves.
   */
  public static NetworkCut partition(Collection<ContainerHost> side, Collection<ContainerHost> others) {
    List<String> addresses = others.stream().map(ContainerHost::address).toList();
    String set = String.join(", ", addresses);
    String rules = "table inet " + TABLE + " {\n"
        + "  chain in { type filter hook input priority -10; policy accept; ip saddr { " + set + " } drop; }\n"
        + "  chain out { type filter hook output priority -10; policy accept; ip daddr { " + set + " } drop; }\n"
        + "}\n";
    for (ContainerHost host : side) {
      nft(host, rules);
    }
    return new NetworkCut(List.copyOf(side));
  }

  /** Cuts one container off from every other container; only loopback and the Docker host still reach it. */
  public static NetworkCut isolate(ContainerHost host) {
    String gateway = host.address().substring(0, host.address().lastIndexOf('.')) + ".1";
    String rules = "table inet " + TABLE + " {\n"
        + "  chain in { type filter hook input priority -10; policy drop; iifname \"lo\" accept; ip saddr " + gateway + " accept; }\n"
        + "  chain out { type filter hook output priority -10; policy drop; oifname \"lo\" accept; ip daddr " + gateway + " accept; }\n"
        + "}\n";
    nft(host, rules);
    return new NetworkCut(List.of(host));
  }

  /**
   * Deletes the tables; a container restarted meanwhile has a fresh namespace and nothing to delete. Returns when
   * (epoch ms) the last deletion began: the cut is whole before then and gone once this returns, which can be a
   * second later on a loaded machine.
   */
  public long heal() {
    long lastStarted = System.currentTimeMillis();
    for (ContainerHost host : cut) {
      if (host.isRunning()) {
        long pid = host.pid();
        lastStarted = System.currentTimeMillis();
        run(host, pid, "delete table inet " + TABLE + "\n", true);
      }
    }
    return lastStarted;
  }

  private static void nft(ContainerHost host, String rules) {
    run(host, host.pid(), rules, false);
  }

  private static void run(ContainerHost host, long pid, String script, boolean missingIsFine) {
    ProcessBuilder builder = new ProcessBuilder("nsenter", "-t", Long.toString(pid), "-n", "nft", "-f", "-")
        .redirectErrorStream(true);
    try {
      Process process = builder.start();
      process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("nft in " + host.host() + " did not finish within 10 s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0 && !(missingIsFine && output.contains("No such file or directory"))) {
        throw new IllegalStateException("nft in " + host.host() + " failed (" + process.exitValue() + "): " + output
            + " (needs root and nft on the host: apt-get install nftables)");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run nsenter/nft (needs util-linux and nftables on the host)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
