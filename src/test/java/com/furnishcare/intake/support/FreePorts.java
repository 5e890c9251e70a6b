package com.furnishcare.intake.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers the tests start (redis-server, cluster nodes, gateway processes, Request Tracker), picked
 * below the kernel's ephemeral range. A port from {@code new ServerSocket(0)} is an ephemeral one: between the
 * check and the server binding it — or while a Redis is stopped for a restart on the same port — any outgoing
 * connection on the machine may be given it, and the server then fails with "Address already in use". Below
 * the range only another listener can take it, and each pick is checked free and never handed out twice in
 * one JVM.
 */
public final class FreePorts {

  private static final int LOWEST = 10_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port free now, below the ephemeral range. */
  public static int take() throws IOException {
    return take(0);
  }

  /**
   * A port free now whose {@code port + partnerOffset} is free too (a cluster node's bus port), both below the
   * ephemeral range.
   */
  public static int take(int partnerOffset) throws IOException {
    int top = ephemeralLow() - partnerOffset;
    if (top - LOWEST < 1000) {
      throw new IOException("too few ports below the ephemeral range (" + ephemeralLow() + ") for an offset of "
          + partnerOffset);
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, top);
      if (HANDED_OUT.contains(port) || (partnerOffset > 0 && HANDED_OUT.contains(port + partnerOffset))) {
        continue;
      }
      if (free(port) && (partnerOffset == 0 || free(port + partnerOffset)) && HANDED_OUT.add(port)) {
        if (partnerOffset > 0) {
          HANDED_OUT.add(port + partnerOffset);
        }
        return port;
      }
    }
    throw new IOException("no free port below " + top);
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The first port the kernel hands to outgoing connections (32768 when it cannot be read). */
  static int ephemeralLow() {
    // Read as a line: Files.readString trusts the size /proc reports and gets only the first byte.
    try (BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      int low = Integer.parseInt(range.readLine().strip().split("\\s+")[0]);
      return low > LOWEST + 11_000 ? low : 32_768;
    } catch (IOException | RuntimeException unreadable) {
      return 32_768;
    }
  }
}
