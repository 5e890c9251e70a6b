package com.furnishcare.intake.web;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key a client is rate-limited by: its IPv4 address, or the /64 network of an IPv6 address (one
 * subscriber usually holds a whole /64, so limiting single IPv6 addresses would limit nothing).
 * The socket's peer is used, not X-Forwarded-For, which any client can write.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    if (host == null || host.isEmpty()) {
      return "unknown";
    }
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address instanceof Inet6Address) {
        byte[] bytes = address.getAddress();
        StringBuilder network = new StringBuilder("v6:");
        for (int i = 0; i < 8; i++) {
          network.append(String.format("%02x", bytes[i]));
        }
        return network.toString();
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      // A literal address never needs a lookup; keep the text rather than fail the request.
      return host;
    }
  }
}
