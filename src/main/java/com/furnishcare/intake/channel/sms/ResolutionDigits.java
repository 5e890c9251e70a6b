package com.furnishcare.intake.channel.sms;

import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.PendingQuestions;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Reads a bare "1"/"2" as the answer option (yes / no) of the resolution SMS ("问题解决了吗？请回复1或2") only while that
 * question is really open: a resolution template is configured (otherwise no SMS ever asked for
 * digits), the ticket is resolved and awaiting the homeowner's confirmation, and its conversation is
 * still waiting on the question for that ticket. Anywhere else the digit is passed on unchanged, so the
 * conversation takes it for what it means there (on the main menu "1" is 投诉).
 */
final class ResolutionDigits {

  private final SessionStore sessions;
  private final boolean smsAsksForDigits;

  /** @param smsAsksForDigits a resolution template is configured, so the resolved-ticket SMS asks for 1 or 2 */
  ResolutionDigits(SessionStore sessions, boolean smsAsksForDigits) {
    this.sessions = sessions;
    this.smsAsksForDigits = smsAsksForDigits;
  }

  /**
   * The answer option the digit picks (the yes/no question's "yes" or "no", whose words the flow's YAML
   * names), or empty when the digit is just text here. Fails only when the session cannot be read.
   */
  Future<Optional<String>> read(Ticket ticket, String text) {
    Optional<String> answer = answer(text.strip());
    if (answer.isEmpty() || !smsAsksForDigits || ticket.status() != TicketStatus.RESOLVED) {
      return Future.succeededFuture(Optional.empty());
    }
    return sessions.load(new ConversationKey(ticket.channel(), ticket.userId()))
        .map(session -> session.flatMap(PendingQuestions::resolutionCheck).filter(ticket.id()::equals).isPresent()
            ? answer : Optional.empty());
  }

  /** 1 is yes (已解决), 2 is no, as the resolution SMS template asks. */
  static Optional<String> answer(String text) {
    return switch (text) {
      case "1", "１" -> Optional.of("yes");
      case "2", "２" -> Optional.of("no");
      default -> Optional.empty();
    };
  }
}
