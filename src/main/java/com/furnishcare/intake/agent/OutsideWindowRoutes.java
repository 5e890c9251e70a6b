package com.furnishcare.intake.agent;

import com.furnishcare.intake.chat.SmsChatStart;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The template message (when WECHAT_STATUS_TEMPLATE_ID is set) and the SMS link (when web-chat links by
 * SMS are configured and the homeowner's phone is on one of their tickets).
 */
public final class OutsideWindowRoutes implements OutsideWindow {

  private final Optional<BiFunction<ConversationKey, String, Future<Void>>> template;
  private final Optional<SmsChatStart> smsLinks;
  private final TicketStore tickets;

  /**
   * @param template sends a text as the configured WeChat template message
   * @param smsLinks opens the phone's web chat and sends its link by SMS
   */
  public OutsideWindowRoutes(Optional<BiFunction<ConversationKey, String, Future<Void>>> template,
      Optional<SmsChatStart> smsLinks, TicketStore tickets) {
    this.template = template;
    this.smsLinks = smsLinks;
    this.tickets = tickets;
  }

  @Override
  public Future<List<String>> routes(HandoffCase c) {
    List<String> open = new ArrayList<>();
    template.ifPresent(t -> open.add(TEMPLATE));
    if (smsLinks.isEmpty()) {
      return Future.succeededFuture(open);
    }
    return phone(c).map(phone -> {
      phone.ifPresent(p -> open.add(SMS));
      return open;
    });
  }

  @Override
  public Future<AgentDelivery> send(String route, HandoffCase c, String clientId, Reply said) {
    if (TEMPLATE.equals(route) && template.isPresent()) {
      return template.get().apply(c.key(), said.text())
          .map(v -> new AgentDelivery("delivered", "template message"));
    }
    if (SMS.equals(route) && smsLinks.isPresent()) {
      return phone(c).compose(phone -> phone.isEmpty()
          ? Future.succeededFuture(new AgentDelivery("failed", "no phone number on the homeowner's tickets"))
          : smsLinks.get().agentReply(phone.get(), clientId, said)
              .map(chat -> new AgentDelivery("delivered", "SMS with a link to web chat " + chat)));
    }
    return Future.succeededFuture(new AgentDelivery("failed", "route " + route + " is not available here"));
  }

  /** The newest phone number on the homeowner's tickets. */
  private Future<Optional<String>> phone(HandoffCase c) {
    return tickets.find(TicketQuery.ofUser(c.key()), 20).map(list -> list.stream()
        .filter(t -> t.phone() != null && !t.phone().isBlank())
        .max(Comparator.comparing(Ticket::createdAt))
        .map(Ticket::phone));
  }
}
