package com.furnishcare.intake.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts in against counts out after a fault: what {@link IntakeTraffic} was told against what the gateway
 * (on {@code line}) and the ticket webhook hold now. Each method lists what is missing; empty is good.
 */
public final class TrafficAudit {

  private final WeChatLine line;
  private final IntakeTraffic traffic;

  public TrafficAudit(WeChatLine line, IntakeTraffic traffic) {
    this.line = line;
    this.traffic = traffic;
  }

  /** Replies given but not on record: the MsgId posted again must get the same reply, not a new turn. */
  public List<String> forgottenReplies() throws InterruptedException {
    List<String> forgotten = new ArrayList<>();
    for (IntakeTraffic.Acked a : traffic.acked) {
      String again = line.post(a.openId(), a.msgId(), a.text()).content();
      if (!a.reply().equals(again)) {
        forgotten.add(a.openId() + "/" + a.msgId() + " said '" + a.reply() + "', now '" + again + "'");
      }
    }
    return forgotten;
  }

  /** "success" answers (WeChat counts the message handled) whose turn is not on record. */
  public List<String> emptyAnswersUnrecorded() throws InterruptedException {
    List<String> lost = new ArrayList<>();
    for (IntakeTraffic.Acked a : traffic.emptyAnswers) {
      String again = line.post(a.openId(), a.msgId(), a.text()).content();
      if (again == null || again.contains("系统繁忙")) {
        lost.add(a.openId() + "/" + a.msgId());
      }
    }
    return lost;
  }

  /** Tickets a reply named that the store does not hold (admin API). */
  public List<String> ticketsNotStored() throws InterruptedException {
    List<String> notStored = new ArrayList<>();
    for (String id : traffic.tickets.keySet()) {
      int status = line.adminGet("/api/tickets/" + id, TestConfig.ADMIN_TOKEN, Duration.ofSeconds(5));
      if (status != 200) {
        notStored.add(id + " (" + status + ")");
      }
    }
    return notStored;
  }

  /**
   * Waits for every ticket a reply named to reach the webhook: at least {@code limit}, and past it for as long
   * as deliveries keep arriving (a backlog's size depends on how fast the machine produced tickets, not on the
   * gateway), giving up once {@link #SINK_STALL} passes with no new ticket at the webhook or after
   * {@link #SINK_CEILING} in all. The tickets that did not arrive.
   */
  public Set<String> missingAtSink(FakeTicketWebhook webhook, Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + limit.toNanos();
    long ceiling = start + SINK_CEILING.toNanos();
    int seen = webhook.postsByTicket().size();
    while (!webhook.postsByTicket().keySet().containsAll(traffic.tickets.keySet())) {
      long now = System.nanoTime();
      int arrived = webhook.postsByTicket().size();
      if (arrived > seen) {
        seen = arrived;
        end = Math.max(end, now + SINK_STALL.toNanos());
      }
      if (now >= end || now >= ceiling) {
        break;
      }
      Thread.sleep(200);
    }
    Map<String, Integer> posts = webhook.postsByTicket();
    return traffic.tickets.keySet().stream().filter(id -> !posts.containsKey(id)).collect(Collectors.toSet());
  }

  /** How long the webhook may receive no new ticket before the wait for the rest ends. */
  static final Duration SINK_STALL = Duration.ofSeconds(15);
  /** The most a wait for the webhook lasts, however steadily tickets arrive. */
  static final Duration SINK_CEILING = Duration.ofMinutes(4);

  /**
   * Waits up to {@code limit} for each intake whose confirmation named no ticket ({@link IntakeTraffic#unnamed})
   * to be at the webhook as exactly one ticket; those that are not, with what arrived.
   */
  public Map<String, Set<String>> unnamedNotOnce(FakeTicketWebhook webhook, Duration limit)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end && !traffic.unnamed.keySet().stream()
        .allMatch(o -> webhook.ticketsByOrder().containsKey(o))) {
      Thread.sleep(200);
    }
    Map<String, Set<String>> wrong = new java.util.HashMap<>();
    for (String order : traffic.unnamed.keySet()) {
      Set<String> ids = webhook.ticketsByOrder().getOrDefault(order, Set.of());
      if (ids.size() != 1) {
        wrong.put(order, ids);
      }
    }
    return wrong;
  }

  /** Order numbers that reached the webhook as more than one ticket (a complaint filed twice). */
  public static Map<String, Set<String>> filedTwice(FakeTicketWebhook webhook) {
    return webhook.ticketsByOrder().entrySet().stream().filter(e -> e.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Tickets that arrived under more than one Idempotency-Key (one ticket sent as two different ones). */
  public static Map<String, Integer> sentAsTwo(FakeTicketWebhook webhook) {
    return webhook.keysByTicket().entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
