package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine may know besides the session and the message: the time, and what was looked up for
 * it (tickets, knowledge-base results).
 */
public record DialogContext(Instant now, ZoneId zone, Map<TicketQuery, List<Ticket>> lookups,
    Map<FaqQuery, FaqResult> answers) {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  public DialogContext {
    lookups = Map.copyOf(lookups);
    answers = Map.copyOf(answers);
  }

  public static DialogContext at(Instant now) {
    return new DialogContext(now, CHINA, Map.of(), Map.of());
  }

  public Optional<List<Ticket>> lookup(TicketQuery query) {
    return Optional.ofNullable(lookups.get(query));
  }

  public Optional<FaqResult> answer(FaqQuery query) {
    return Optional.ofNullable(answers.get(query));
  }

  public DialogContext with(TicketQuery query, List<Ticket> tickets) {
    Map<TicketQuery, List<Ticket>> copy = new HashMap<>(lookups);
    copy.put(query, tickets);
    return new DialogContext(now, zone, copy, answers);
  }

  public DialogContext with(FaqQuery query, FaqResult result) {
    Map<FaqQuery, FaqResult> copy = new HashMap<>(answers);
    copy.put(query, result);
    return new DialogContext(now, zone, lookups, copy);
  }
}
