package com.furnishcare.intake.core;

import java.util.Optional;

/** Which tickets to find; empty criteria match everything. All given criteria must hold. */
public record TicketQuery(
    Optional<TicketStatus> status,
    Optional<ChannelName> channel,
    Optional<String> userId,
    Optional<String> orderNo,
    Optional<String> phone) {

  public static TicketQuery all() {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static TicketQuery ofUser(ConversationKey key) {
    return new TicketQuery(Optional.empty(), Optional.of(key.channel()), Optional.of(key.userId()), Optional.empty(),
        Optional.empty());
  }

  public static TicketQuery ofOrder(String orderNo) {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(orderNo), Optional.empty());
  }

  public static TicketQuery ofOrderAndPhone(String orderNo, String phone) {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(orderNo),
        Optional.of(phone));
  }

  public boolean matches(Ticket t) {
    return status.map(s -> s == t.status()).orElse(true)
        && channel.map(c -> c == t.channel()).orElse(true)
        && userId.map(u -> u.equals(t.userId())).orElse(true)
        && orderNo.map(o -> o.equals(t.orderNo())).orElse(true)
        && phone.map(p -> p.equals(t.phone())).orElse(true);
  }
}
