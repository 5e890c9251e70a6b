package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.nlu.Understander;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the flows of a {@link DialogBook}: one message in, the next things to say out. An interpreter: the
 * {@link MessageRouter} decides which flow a text message starts or answers (from the flows' triggers),
 * one {@link StepHandler} per step type runs the steps, {@link InboundEvents} handles what is not text.
 * Flows stack: a flow started over a running intake (cancel, correct, help, progress) hands back to it.
 * Pure: look-ups go through the context's port; nothing here does I/O.
 */
public final class DialogEngine implements Conversation {

  private final Supplier<DialogBook> books;
  private final TicketIds ids;
  /**
   * The reader of the current book's vocabulary. Building one (category bigrams, symptom lists, the name
   * finder) costs more than reading a message, so it is built once per book and kept until the book changes.
   */
  private volatile Reader reader;

  private record Reader(DialogBook book, Understander nlu) {}

  /** @param books the current dialog book; called once per message, so an edited book is used at once */
  public DialogEngine(Supplier<DialogBook> books, TicketIds ids) {
    this.books = books;
    this.ids = ids;
  }

  @Override
  public Turn respond(Session session, InboundMessage message, DialogContext context) {
    DialogBook book = books.get();
    TurnRun run = new TurnRun(book, readerOf(book), DialogState.from(session), message, context, ids);
    run.state.messageCount++;
    if (message.kind() == MessageKind.TEXT || message.kind() == MessageKind.VOICE) {
      text(run);
    } else {
      new InboundEvents(run).handle();
    }
    run.state.lastActiveMillis = context.now().toEpochMilli();
    Optional<AgentCall> waiting = run.state.waitingForAgent
        ? Optional.of(new AgentCall(run.state.agentTicket))
        : Optional.empty();
    return new Turn(run.state.toSession(context.now()), run.replies, run.tickets, run.changed, waiting);
  }

  private Understander readerOf(DialogBook book) {
    Reader current = reader;
    if (current == null || current.book() != book) {
      // Two turns may both build one after an edit; either is right, the last one stays.
      current = new Reader(book, new Understander(book.vocabulary()));
      reader = current;
    }
    return current.nlu();
  }

  /**
   * Whether the session's conversation waits for a person, as the engine's own turns report it: for a turn
   * decided elsewhere (a survey answer) that must not drop the conversation from the agents' queue.
   */
  public static Optional<AgentCall> waitingForAgent(Session session) {
    DialogState state = DialogState.from(session);
    return state.waitingForAgent ? Optional.of(new AgentCall(state.agentTicket)) : Optional.empty();
  }

  /** What the conversation has collected so far, by slot name: for the person who takes it over. */
  public static java.util.Map<String, String> collected(Session session) {
    return java.util.Map.copyOf(DialogState.from(session).slots);
  }

  /** Text, or recognised speech: read, and routed. A button press reads as its option's label. */
  private static void text(TurnRun run) {
    String typed = run.message.text().strip();
    String option = run.message.attribute(com.furnishcare.intake.core.InboundMessage.OPTION);
    String text = option.isEmpty() ? typed : OfferedOptions.pressed(typed, option, run.state.offered);
    if (text.isEmpty()) {
      if (run.message.kind() == MessageKind.VOICE) {
        run.say(run.msg("voiceUnclear"));
      } else {
        run.sayMenu(run.msg("emptyMessage"));
      }
      return;
    }
    run.state.heard(run.book, text);
    Understanding u = run.nlu.understand(text, run.understanderContext());
    knownMobile(run, u);
    new MessageRouter(run).route(text, u);
  }

  /**
   * A number the channel vouches for (an SMS sender's) is kept as the homeowner's phone, so an intake does
   * not ask for it; a number typed in the message itself is taken as said instead.
   */
  private static void knownMobile(TurnRun run, Understanding u) {
    String mobile = run.message.attribute(InboundMessage.VERIFIED_MOBILE);
    if (!mobile.isEmpty() && !u.slots().containsKey(SlotType.MOBILE)) {
      run.book.slotName(SlotType.MOBILE).ifPresent(slot -> run.state.slots.putIfAbsent(slot, mobile));
    }
  }
}
