package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Ticket;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The resolved ticket a conversation asks about ("问题解决了吗？"), settled by the answer. */
final class FollowedTicket {

  private FollowedTicket() {}

  /** Changes the followed ticket, says so, and goes on to {@code next}. */
  static void settle(TurnRun run, UnaryOperator<Ticket> change, String text, String next) {
    run.state.followTicket.ifPresent(id -> {
      Ticket settled = change.apply(run.ticket(id));
      run.changed.add(settled);
      run.describe(settled);
    });
    run.state.followTicket = Optional.empty();
    run.say(run.render(text));
    run.goTo(next);
  }
}
