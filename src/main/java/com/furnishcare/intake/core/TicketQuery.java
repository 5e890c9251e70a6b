package com.furnishcare.intake.core;

import java.util.Optional;

/** Which tickets to find; empty criteria match everything. All given criteria must hold. */
public record TicketQuery(
    Optional<TicketStatus> status,
    Optional<ChannelName> channel,
    Optional<String> userId,
    Optional<String> orderNo,
    Optional<String> phone,
    Optional<String> id) {

  public static TicketQuery all() {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static TicketQuery ofUser(ConversationKey key) {
    return new TicketQuery(Optional.empty(), Optional.of(key.channel()), Optional.of(key.userId()), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public static TicketQuery ofOrder(String orderNo) {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(orderNo), Optional.empty(), Optional.empty());
  }

  public static TicketQuery ofOrderAndPhone(String orderNo, String phone) {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(orderNo),
        Optional.of(phone), Optional.empty());
  }

  public static TicketQuery ofPhone(String phone) {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(phone),
        Optional.empty());
  }

  public static TicketQuery ofId(String id) {
    return new TicketQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(id));
  }

  public boolean matches(Ticket t) {
    return id.map(i -> i.equals(t.id())).orElse(true)
        && status.map(s -> s == t.status()).orElse(true)
        && channel.map(c -> c == t.channel()).orElse(true)
        && userId.map(u -> u.equals(t.userId())).orElse(true)
        && orderNo.map(o -> o.equals(t.orderNo())).orElse(true)
        && phone.map(p -> p.equals(t.phone())).orElse(true);
  }
}
