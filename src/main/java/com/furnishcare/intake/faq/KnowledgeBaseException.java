package com.furnishcare.intake.faq;

/** A knowledge-base file is wrong; the message reads {@code file:line: reason}. */
public final class KnowledgeBaseException extends Exception {
  public KnowledgeBaseException(String message) {
    super(message);
  }
}
