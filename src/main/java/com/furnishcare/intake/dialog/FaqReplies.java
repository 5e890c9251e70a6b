package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.dialog.model.MainMenu;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what the knowledge base found into what the bot says, and what that reply offers for the next
 * message: numbered choices, or to file a complaint of the entry's category. Pure: no state, no I/O.
 */
final class FaqReplies {

  /** At most this many choices are offered: more is a menu nobody reads on a phone. */
  static final int MAX_CHOICES = 3;

  /**
   * @param choices entry ids the next message's "1", "2", … pick
   * @param offeredCategory the complaint the next "是" files
   * @param resumeFlow the interrupted flow asks its question again after this reply
   * @param logged what the ticket's transcript records instead of the reply's text: an answer by its entry's
   *     question (with the offer, if one follows it), when the dialogs give the line for it
   */
  record Reply(com.furnishcare.intake.core.Reply reply, List<String> choices, Optional<String> offeredCategory,
      boolean resumeFlow, Optional<String> logged) {}

  private FaqReplies() {}

  /**
   * @param inFlow a flow (an intake) is running: answers do not offer another complaint, and the flow
   *     resumes after an answer or after "nothing found"; after choices it waits for the pick
   * @param knownCategory whether a category code exists in the current vocabulary
   * @param transcriptAnswer how the transcript logs an answer ({@code {question}} for the entry's question); when
   *     absent, the answer's text is logged
   */
  static Reply of(FaqResult result, boolean inFlow, MainMenu.FaqTexts texts, Predicate<String> knownCategory,
      Optional<String> transcriptAnswer) {
    return switch (result.decision()) {
      case ANSWER -> {
        FaqHit hit = result.top();
        Optional<String> logged = transcriptAnswer
            .map(template -> Templates.render(template, Map.of("question", hit.question())));
        if (!inFlow && !hit.category().isEmpty() && knownCategory.test(hit.category())) {
          yield new Reply(text(hit.answer() + "\n\n" + texts.offerComplaint()), List.of(),
              Optional.of(hit.category()), false, logged.map(line -> line + " " + texts.offerComplaint()));
        }
        yield new Reply(text(hit.answer()), List.of(), Optional.empty(), inFlow, logged);
      }
      case CHOICES -> {
        List<FaqHit> hits = result.hits().subList(0, Math.min(MAX_CHOICES, result.hits().size()));
        yield new Reply(com.furnishcare.intake.core.Reply.choices(texts.choices(),
                hits.stream().map(h -> new com.furnishcare.intake.core.Reply.Option(h.id(), h.question())).toList()),
            hits.stream().map(FaqHit::id).toList(), Optional.empty(), false, Optional.empty());
      }
      case NONE -> new Reply(text(texts.none()), List.of(), Optional.empty(), inFlow, Optional.empty());
    };
  }

  private static com.furnishcare.intake.core.Reply text(String text) {
    return com.furnishcare.intake.core.Reply.text(text);
  }

}
