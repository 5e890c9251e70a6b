package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.load.StepParsers;
import com.furnishcare.intake.dialog.model.Step;
import java.util.List;
import java.util.Optional;

/**
 * Every step {@code type:} a flow file may use: its name, how it is read, and what runs it. The one list
 * to extend for a new step type.
 */
public final class StepTypes {

  private record Entry<S extends Step>(String name, Class<S> type, StepParsers.Parser parser, StepHandler<S> handler) {}

  private static final List<Entry<?>> ALL = List.of(
      new Entry<>("collect", Step.Collect.class, StepParsers::collect, new CollectStep()),
      new Entry<>("confirm", Step.Confirm.class, StepParsers::confirm, new ConfirmStep()),
      new Entry<>("say", Step.Say.class, StepParsers::say, new SayStep()),
      new Entry<>("create-ticket", Step.CreateTicket.class, StepParsers::createTicket, new CreateTicketStep()),
      new Entry<>("list-tickets", Step.ListTickets.class, StepParsers::listTickets, new ListTicketsStep()),
      new Entry<>("handoff", Step.Handoff.class, StepParsers::handoff, new HandoffStep()),
      new Entry<>("resume", Step.Resume.class, StepParsers::resume, new ResumeStep()),
      new Entry<>("restart", Step.Restart.class, StepParsers::restart, new RestartStep()),
      new Entry<>("correct", Step.Correct.class, StepParsers::correct, new CorrectStep()),
      new Entry<>("close-ticket", Step.CloseTicket.class, StepParsers::closeTicket, new CloseTicketStep()),
      new Entry<>("reopen-ticket", Step.ReopenTicket.class, StepParsers::reopenTicket, new ReopenTicketStep()));

  private StepTypes() {}

  public static Optional<StepParsers.Parser> parser(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).map(Entry::parser).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(Entry::name).toList();
  }

  /** The handler of a step read by one of the parsers above. */
  @SuppressWarnings("unchecked")
  static <S extends Step> StepHandler<S> handler(S step) {
    for (Entry<?> entry : ALL) {
      if (entry.type() == step.getClass()) {
        return (StepHandler<S>) entry.handler();
      }
    }
    throw new IllegalStateException("no handler for step type " + step.getClass().getSimpleName());
  }
}
