package com.furnishcare.intake.config;

import java.time.Duration;
import java.util.List;

/**
 * Limits that keep the public endpoints (web chat, SMS replies) usable while someone abuses them.
 *
 * @param ipPerSecond sustained requests per second from one client address (an IPv6 client is its /64)
 * @param ipBurst requests one address may send at once before the sustained rate applies
 * @param conversationPerMinute sustained messages per minute into one conversation
 * @param conversationBurst messages one conversation may send at once
 * @param newConversationsPerMinute conversations one address may start per minute
 * @param firstTurnLifetime how long a web-chat conversation that never got past its first message is kept
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param bodyTimeout a request whose body has not fully arrived by then gets 408 and its connection closed
 * @param allowedOrigins browser origins (scheme://host[:port]) whose pages may call the chat API
 * @param trustedProxies addresses or CIDR networks of reverse proxies whose X-Forwarded-For is believed
 */
public record PublicAccessConfig(int ipPerSecond, int ipBurst, int conversationPerMinute, int conversationBurst,
    int newConversationsPerMinute, Duration firstTurnLifetime, Duration idleTimeout, Duration bodyTimeout,
    List<String> allowedOrigins, List<String> trustedProxies) {

  public PublicAccessConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    trustedProxies = List.copyOf(trustedProxies);
  }
}
