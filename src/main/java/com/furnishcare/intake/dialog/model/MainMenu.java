package com.furnishcare.intake.dialog.model;

import java.util.Map;

/**
 * The welcome and the menu shown when no flow is running; options map a reply or menu key to an
 * intent. {@code thanks} answers thanks and bare acknowledgements; {@code faq} invites a question; {@code answers} frame what the knowledge base found.
 */
public record MainMenu(String welcome, String text, Map<String, String> options, Map<String, String> menuKeys,
    String thanks, String faq, FaqTexts answers, NotUnderstood notUnderstood,
    java.util.Optional<ComplaintOrQuestion> complaintOrQuestion) {

  /**
   * Asked when a message carries complaint facts (an order number, a phone) but reads as a question:
   * rather than guess, the bot asks {@code text}; an answer with one of {@code questionWords} (or a no)
   * gets the knowledge base's answer to the first message, a complaint intent (or a yes) the intake.
   */
  public record ComplaintOrQuestion(String text, java.util.List<String> questionWords) {}

  /**
   * What the bot says to a message it cannot place while no flow runs, and when it stops trying: after
   * {@code maxTries} such messages in a row it hands the conversation to a person instead of repeating.
   */
  public record NotUnderstood(String text, int maxTries) {}

  /**
   * @param choices several entries fit about equally: {choices} is replaced by the numbered questions
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
