package com.furnishcare.intake.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key a client is rate-limited by: its IPv4 address, or the /64 network of an IPv6 address (one
 * subscriber usually holds a whole /64, so limiting single IPv6 addresses would limit nothing).
 *
 * <p>The socket's peer is the client unless the peer is one of the operator's trusted proxies
 * ({@code GATEWAY_TRUSTED_PROXIES}); then {@code X-Forwarded-For} is read from the right, skipping
 * trusted hops, and the first address a trusted proxy vouches for is the client. A header from anyone
 * else is ignored: any client can write it.
 */
final class ClientAddress {

  private final List<IpSubnetFilterRule> trusted;

  private ClientAddress(List<IpSubnetFilterRule> trusted) {
    this.trusted = trusted;
  }

  /** @param proxies IP addresses or CIDR networks ("10.0.0.0/8", "::1"), already validated by the config loader */
  static ClientAddress trusting(List<String> proxies) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String proxy : proxies) {
      int slash = proxy.indexOf('/');
      String ip = slash < 0 ? proxy : proxy.substring(0, slash);
      int bits = slash < 0 ? (NetUtil.isValidIpV4Address(ip) ? 32 : 128) : Integer.parseInt(proxy.substring(slash + 1));
      rules.add(new IpSubnetFilterRule(ip, bits, IpFilterRuleType.ACCEPT));
    }
    return new ClientAddress(List.copyOf(rules));
  }

  String of(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    String peer = remote == null ? null : remote.hostAddress();
    Optional<InetAddress> client = literal(peer);
    if (client.isEmpty()) {
      return "unknown";
    }
    if (isTrusted(client.get())) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      String[] hops = forwarded == null ? new String[0] : forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        Optional<InetAddress> hop = literal(hops[i].strip());
        if (hop.isEmpty()) {
          break; // garbage in the chain: the last trusted hop is as far as we can vouch for
        }
        client = hop;
        if (!isTrusted(hop.get())) {
          break;
        }
      }
    }
    return key(client.get());
  }

  /** Whether the socket's peer is one of the trusted proxies (whose X-Forwarded-* headers are believed). */
  boolean fromTrustedProxy(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    Optional<InetAddress> peer = literal(remote == null ? null : remote.hostAddress());
    return peer.isPresent() && isTrusted(peer.get());
  }

  private boolean isTrusted(InetAddress address) {
    InetSocketAddress socket = new InetSocketAddress(address, 0);
    return trusted.stream().anyMatch(rule -> rule.matches(socket));
  }

  /** Only IP literals: a name would mean a DNS lookup on the event loop. */
  private static Optional<InetAddress> literal(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty(); // cannot happen for 4 or 16 bytes
    }
  }

  private static String key(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return address.getHostAddress();
    }
    StringBuilder network = new StringBuilder("v6:");
    for (int i = 0; i < 8; i++) {
      network.append(String.format("%02x", bytes[i]));
    }
    return network.toString();
  }
}
