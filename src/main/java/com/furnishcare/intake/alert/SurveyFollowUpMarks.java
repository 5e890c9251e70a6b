package com.furnishcare.intake.alert;

import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.Turn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tickets a survey answer filed. A ticket carries no mark of where it came from, and the turn that
 * commits it does not know its message; the engine's answer to a SURVEY_FOLLOWUP message (from the chat, the
 * survey page or an SMS reply) is the one place that does, so the ids are noted there and taken when the
 * turn commits, moments later in the same process. A turn that never commits leaves its note, forgotten
 * after {@link #KEPT}.
 */
public final class SurveyFollowUpMarks {

  static final Duration KEPT = Duration.ofMinutes(10);

  private final Map<String, Instant> marked = new ConcurrentHashMap<>();
  private final Clock clock;

  public SurveyFollowUpMarks(Clock clock) {
    this.clock = clock;
  }

  /** The conversation as it was, noting the tickets its survey follow-up turns file. */
  public Conversation watching(Conversation inner) {
    return (session, message, context) -> {
      Turn turn = inner.respond(session, message, context);
      if (message.kind() == MessageKind.SURVEY_FOLLOWUP) {
        Instant now = clock.instant();
        marked.values().removeIf(at -> at.isBefore(now.minus(KEPT)));
        turn.newTickets().forEach(t -> marked.put(t.id(), now));
      }
      return turn;
    };
  }

  /** Whether the ticket was filed by a survey follow-up; forgets it (each ticket is committed once). */
  public boolean take(String ticketId) {
    return marked.remove(ticketId) != null;
  }
}
