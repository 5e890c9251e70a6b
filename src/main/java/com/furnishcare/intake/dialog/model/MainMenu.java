package com.furnishcare.intake.dialog.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The welcome and the menu shown when no flow is running. Each option starts a flow (its number, its
 * label, or its button picks it); {@code menuKeys} map the official account's menu CLICK keys to flows.
 * {@code thanks} answers thanks and bare acknowledgements; {@code answers} frame what the knowledge base found.
 */
public record MainMenu(String welcome, String text, List<Option> options, Map<String, String> menuKeys,
    String thanks, FaqTexts answers, NotUnderstood notUnderstood, Optional<ComplaintOrQuestion> complaintOrQuestion) {

  public MainMenu {
    options = List.copyOf(options);
    menuKeys = Map.copyOf(menuKeys);
  }

  /** One menu entry: what the homeowner reads, and the flow it starts. */
  public record Option(String label, String flow) {}

  /**
   * Asked when a message carries complaint facts (an order number, a phone) but reads as a question:
   * rather than guess, the bot asks {@code text}; an answer with one of {@code questionWords} (or a no)
   * gets the knowledge base's answer to the first message, a complaint intent (or a yes) the intake.
   */
  public record ComplaintOrQuestion(String text, List<String> questionWords) {}

  /**
   * What the bot says to a message it cannot place while no flow runs, and when it stops trying: after
   * {@code maxTries} such messages in a row it hands the conversation to a person instead of repeating.
   */
  public record NotUnderstood(String text, int maxTries) {}

  /**
   * @param choices several entries fit about equally: said before the numbered questions
   * @param none nothing fits
   * @param offerComplaint added after an answer whose entry names a complaint category
   * @param offerExplained put before that offer when it is asked again because the homeowner asked back
   *     ("嗯？", "什么意思"); may be empty
   * @param declined the homeowner said no to that offer
   * @param resume put before the interrupted question when an intake goes on after an answer
   */
  public record FaqTexts(String choices, String none, String offerComplaint, String offerExplained, String declined,
      String resume) {}
}
